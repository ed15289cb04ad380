import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpGet } from '../../src/checks/http-client.js';
import { peerAvailable, startDaemon, type RunningDaemon } from './support/daemon.js';
import { peerContext } from './support/run-check.js';
import { aboveInfo, scanPort } from './web-scan.js';

// dubidoc 2022 with the real thing: a Symfony 5.4 micro-kernel app from Debian's packages
// (php-symfony-framework-bundle, -twig-bundle, -web-profiler-bundle) under php -S, in debug
// mode with the WebProfilerBundle (the leak) vs prod mode without it (the fix). The DSN is
// synthetic and reaches the profiler's phpinfo panel through the process environment.
const DEBUG = '127.23.12.1';
const PROD = '127.23.12.2';
const DB_PASSWORD = 'symfony-peer-synthetic-db-pw';
const DATABASE_URL = `mysql://termine:${DB_PASSWORD}@127.23.12.9:3306/termine?serverVersion=8.0`;
const PROFILER_BUNDLE = '/usr/share/php/Symfony/Bundle/WebProfilerBundle/autoload.php';
const APP = readFileSync(join(import.meta.dirname, 'web-symfony-app.php'), 'utf8');

function startSymfony(name: string, host: string, debug: boolean): Promise<RunningDaemon> {
  return startDaemon({
    name,
    binary: 'php',
    host,
    env: { APP_DEBUG: debug ? '1' : '0', APP_SECRET: 'synthetic-app-secret-0000', DATABASE_URL },
    prepare: ({ dir }) => {
      mkdirSync(join(dir, 'public'), { recursive: true });
      writeFileSync(join(dir, 'public', 'index.php'), APP);
    },
    args: ({ dir, host: h, port }) => ['-d', 'variables_order=EGPCS', '-S', `${h}:${port}`, '-t', join(dir, 'public'), join(dir, 'public', 'index.php')],
  });
}

/** The bundles are PHP libraries, not binaries: same rule as peerAvailable (skip locally, fail under CI). */
function symfonyInstalled(): boolean {
  if (existsSync(PROFILER_BUNDLE)) return true;
  const message = 'Symfony bundles not found: apt-get install -y php-symfony-framework-bundle php-symfony-twig-bundle php-symfony-web-profiler-bundle';
  if (process.env.CI) throw new Error(`${message} (CI is set: peer tests may not be skipped)`);
  console.warn(`SKIP ${message}`);
  return false;
}

async function warmUp(d: RunningDaemon): Promise<void> {
  // the first request compiles the container; it also records a profile (a token to list)
  const reply = await httpGet({ host: d.host, port: d.port, service: { name: 'http', tls: false } }, peerContext({ timeoutMs: 30_000 }), '/');
  expect(reply?.status, d.logTail()).toBe(200);
}

describe.skipIf(!(peerAvailable('php', 'php-cli') && symfonyInstalled()))(
  'http.symfony-profiler against a real Symfony 5.4 app',
  () => {
    let debug: RunningDaemon;
    let prod: RunningDaemon;

    beforeAll(async () => {
      debug = await startSymfony('symfony (debug, profiler)', DEBUG, true);
      prod = await startSymfony('symfony (prod)', PROD, false);
      await warmUp(debug);
      await warmUp(prod);
    });
    afterAll(async () => {
      await debug?.stop();
      await prod?.stop();
    });

    it('debug mode: the profiler is reported critical with its signals and the DSN masked', async () => {
      const { findings } = await scanPort(debug.host, debug.port);
      const profiler = findings.find((f) => f.checkId === 'http.symfony-profiler');
      expect(profiler, JSON.stringify(findings)).toBeDefined();
      expect(profiler?.severity).toBe('critical');
      expect(profiler?.evidence).toMatch(/^Symfony profiler at \/_profiler\/empty\/search\/results\?limit=10: profiler page, \d+ request tokens?, .*phpinfo panel/);
      expect(profiler?.evidence).toContain(`DATABASE_URL=my…(${DATABASE_URL.length})`);
      expect(JSON.stringify(findings)).not.toContain(DB_PASSWORD);
    });

    it('prod mode (fixed twin): no profiler, nothing above info', async () => {
      const { service, findings } = await scanPort(prod.host, prod.port);
      expect(service.name).toBe('http');
      expect(aboveInfo(findings)).toEqual([]);
    });
  },
);
