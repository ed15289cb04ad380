// `watch --once` from cron: an alert that reached nobody must show in the exit code.
import { describe, expect, it } from 'vitest';
import { useCliFixture } from './listener.js';
import { runCli } from './harness.js';

const HOST = '127.25.8.1';
const fixture = useCliFixture(HOST, 'praxiswache-watch-cli-');

describe('watch --once exit codes', () => {
  it('0 when the site has no contacts, 3 when its e-mail alert could not be sent', async () => {
    const common = ['--land', 'NI', '--targets', HOST, '-p', String(fixture.port), '--data', fixture.data];
    expect((await runCli(['site', 'add', 'quiet', ...common])).code).toBe(0);
    expect((await runCli(['site', 'add', 'mailed', ...common, '--email', 'it@praxis.example'])).code).toBe(0);

    const quiet = await runCli(['watch', '--once', 'quiet', '--data', fixture.data], { PRAXISWACHE_SMTP_URL: '' });
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stdout).toMatch(/site quiet: scan \d+ finished, 1 deviation\(s\) from baseline, change #\d+\n/);

    // No SMTP server configured: the alert is recorded, reaches nobody, and cron has to hear of it.
    const mailed = await runCli(['watch', '--once', 'mailed', '--data', fixture.data], { PRAXISWACHE_SMTP_URL: '' });
    expect(mailed.stdout).toMatch(/site mailed: scan \d+ finished, 1 deviation\(s\) from baseline, change #\d+ NOT delivered/);
    expect(mailed.code).toBe(3);
  }, 60_000);
});
