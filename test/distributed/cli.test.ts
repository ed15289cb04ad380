/**
 * Flags and failures of `queue` and `worker` that need no Redis: usage errors end with 2 before
 * anything is sent, a Redis that does not answer ends with 3 within seconds instead of a hang.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../peers/support/daemon.js';
import { runCli } from '../watch/cli.js';

describe('queue and worker on the command line', { timeout: 60_000 }, () => {
  let data: string;
  let deadRedis: string;
  beforeAll(async () => {
    data = mkdtempSync(join(tmpdir(), 'praxiswache-queue-cli-'));
    deadRedis = `redis://127.62.9.2:${await freePort('127.62.9.2')}`;
    const added = await runCli(['site', 'add', 'praxis-a', '--land', 'BE', '--targets', '127.62.9.3', '-p', '22', '--data', data]);
    expect(added.code, added.output).toBe(0);
  }, 60_000);
  afterAll(() => rmSync(data, { recursive: true, force: true }));

  it.each([
    [['queue', 'add'], /name at least one site, or give --all or --due/],
    [['queue', 'add', 'praxis-a', '--all'], /name sites or give --all\/--due, not both/],
    [['queue', 'add', 'praxis-unbekannt'], /no site "praxis-unbekannt"/],
    [['queue', 'add', 'praxis-a', '--redis', 'http://127.62.9.2'], /--redis must start with redis:\/\/ or rediss:\/\//],
    [['queue', 'status', '--format', 'yaml'], /--format must be one of text, json/],
    [['worker', '--concurrency', '0'], /--concurrency 0: a positive whole number/],
    [['worker', '--lock-duration', 'soon'], /soon/],
  ])('%j is a usage error (exit 2)', async (args, message) => {
    const { code, output } = await runCli(args[0] === 'queue' && args[1] === 'status' ? args : [...args, '--data', data]);
    expect(output).toMatch(message);
    expect(code).toBe(2);
  });

  it.each([
    [['queue', 'add', 'praxis-a']],
    [['queue', 'status']],
    [['worker']],
  ])('%j with Redis not answering ends with 3 and the reason', async (args) => {
    const store = args[1] === 'status' ? [] : ['--data', data];
    // runCli fails the test when the process has not ended within 45 s: a client retrying for ever would
    const { code, output } = await runCli([...args, '--redis', deadRedis, ...store], {}, 45_000);
    expect(output).toMatch(new RegExp(`Redis at ${deadRedis.replace(/\./g, '\\.')} is not reachable: connect ECONNREFUSED`));
    expect(code).toBe(3);
  });

  it('help names the commands and shows examples', async () => {
    for (const args of [['queue', 'add', '--help'], ['queue', 'status', '--help'], ['worker', '--help']]) {
      const { code, output } = await runCli(args);
      expect(code).toBe(0);
      expect(output).toContain('Examples:');
    }
  });
});
