import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peerAvailable, startDaemon, type RunningDaemon } from './support/daemon.js';
import { aboveInfo, scanPort } from './web-scan.js';

// php-cli's built-in server, the way small vendors demo and sometimes deploy: the project folder
// as document root (phpinfo test file, .env, .git all served) vs a front controller that answers
// 200 with the app page for EVERY unknown path (a real soft-404) and refuses dot files.
const LEAKY = '127.23.11.1';
const FRONT = '127.23.11.2';
const MAIL_PASSWORD = 'php-peer-synthetic-mail-0815';

function startPhp(name: string, host: string, files: Record<string, string>, router?: string): Promise<RunningDaemon> {
  return startDaemon({
    name,
    binary: 'php',
    host,
    env: { MAILER_PASSWORD: MAIL_PASSWORD, APP_ENV: 'prod' },
    prepare: ({ dir }) => {
      for (const [path, content] of Object.entries(files)) {
        mkdirSync(join(dir, 'www', path, '..'), { recursive: true });
        writeFileSync(join(dir, 'www', path), content);
      }
    },
    args: ({ dir, host: h, port }) => ['-S', `${h}:${port}`, '-t', join(dir, 'www'), ...(router ? [join(dir, 'www', router)] : [])],
  });
}

describe.skipIf(!peerAvailable('php', 'php-cli'))('web leaks against php -S', () => {
  let leaky: RunningDaemon;
  let front: RunningDaemon;

  beforeAll(async () => {
    leaky = await startPhp('php -S (project folder as docroot)', LEAKY, {
      'info.php': '<?php phpinfo();',
      '.env': `APP_ENV=prod\nMAILER_DSN=smtp://praxis:${MAIL_PASSWORD}@mail.example:587\n`,
      '.git/config': '[core]\n\trepositoryformatversion = 0\n\tbare = false\n[remote "origin"]\n\turl = https://git.example/app.git\n',
      '.git/HEAD': 'ref: refs/heads/main\n',
    });
    front = await startPhp(
      'php -S (front controller, soft-404)',
      FRONT,
      {
        'router.php':
          "<?php if (preg_match('#/\\.#', $_SERVER['REQUEST_URI'])) { http_response_code(404); echo 'not found'; return true; }\n" +
          "echo '<html><head><title>Terminbuchung</title></head><body><h1>Termin buchen</h1></body></html>'; return true;",
      },
      'router.php',
    );
  });
  afterAll(async () => {
    await leaky?.stop();
    await front?.stop();
  });

  it('phpinfo (critical: environment holds a password), .env and .git are found; secrets masked', async () => {
    const { service, findings } = await scanPort(leaky.host, leaky.port);
    expect(service.name).toBe('http');
    const byCheck = new Map(findings.map((f) => [f.checkId, f]));
    expect([...byCheck.keys()].sort()).toEqual(['http.env-file', 'http.git-config', 'http.phpinfo']);
    expect(byCheck.get('http.phpinfo')).toMatchObject({ severity: 'critical', key: '/info.php' });
    expect(byCheck.get('http.phpinfo')?.evidence).toMatch(new RegExp(`^/info\\.php: phpinfo\\(\\) of PHP \\d+\\.\\d+\\.\\d+.*MAILER_PASSWORD=ph…\\(${MAIL_PASSWORD.length}\\)`));
    expect(byCheck.get('http.env-file')?.severity).toBe('critical');
    expect(byCheck.get('http.git-config')?.severity).toBe('high');
    expect(JSON.stringify(findings)).not.toContain(MAIL_PASSWORD);
  });

  it('fixed twin: a front controller answering 200 to every path produces nothing above info', async () => {
    const { service, findings } = await scanPort(front.host, front.port);
    expect(service.name).toBe('http');
    expect(aboveInfo(findings)).toEqual([]);
  });
});
