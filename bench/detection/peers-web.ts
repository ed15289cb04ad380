/**
 * Web peers: Debian's nginx (dot files, stub_status and a document folder with autoindex served
 * to anyone vs denied / behind a password; TLS 1.0 with an expired certificate vs TLS 1.2+),
 * php-cli's built-in server (project folder as docroot vs a soft-404 front controller) and the
 * peer suite's Symfony 5.4 app (debug with profiler vs prod). Everything on ports 80 and 443.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSelfSignedCert } from '../../src/lab/self-signed-cert.js';
import { fakeDocuments } from '../../src/lab/fake-documents.js';
import { startDaemon, type DaemonContext } from '../../test/peers/support/daemon.js';
import type { PeerSpec } from './peer-types.js';
import { daemonPeer } from './started.js';

const SYMFONY_APP = join(import.meta.dirname, '..', '..', 'test', 'peers', 'web-symfony-app.php');
const PROFILER_BUNDLE = '/usr/share/php/Symfony/Bundle/WebProfilerBundle/autoload.php';
const nginxNeeds = [{ binary: 'nginx', debianPackage: 'nginx-light' }];
const phpNeeds = [{ binary: 'php', debianPackage: 'php-cli' }];
const symfonyNeeds = [...phpNeeds, { binary: PROFILER_BUNDLE, debianPackage: 'php-symfony-web-profiler-bundle php-symfony-framework-bundle php-symfony-twig-bundle' }];

function writeFiles(root: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/** The classic deploy: a git checkout with its .env as web root, plus a folder of scanned findings. */
function practiceSite(root: string, withSecrets: boolean): void {
  const docs = Object.fromEntries(fakeDocuments(6).map((d) => [`befunde/${d.path.split('/').pop() ?? 'x.pdf'}`, d.content]));
  writeFiles(root, {
    'index.html': '<html><head><title>Praxis Dr. Beispiel</title></head><body>Willkommen</body></html>',
    ...docs,
    ...(withSecrets
      ? {
          '.env': 'APP_ENV=prod\nAPP_SECRET=0123456789abcdef0123456789abcdef\nDATABASE_URL=mysql://app:bench-synthetic-pw-4711@10.0.0.5:3306/praxis\n',
          '.git/config': '[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n',
          '.git/HEAD': 'ref: refs/heads/main\n',
        }
      : {}),
  });
}

function startNginx(name: string, host: string, port: number, server: (ctx: DaemonContext, root: string) => string) {
  return startDaemon({
    name, binary: 'nginx', host, port, logFile: 'error.log',
    prepare: (ctx) => {
      chmodSync(ctx.dir, 0o755); // workers run as nobody
      const root = join(ctx.dir, 'www');
      const tmp = join(ctx.dir, 'tmp');
      mkdirSync(tmp);
      const body = server(ctx, root);
      const tls = body.includes('ssl_certificate') ? ' ssl' : '';
      writeFileSync(
        join(ctx.dir, 'nginx.conf'),
        `daemon off; pid ${join(ctx.dir, 'nginx.pid')}; error_log ${join(ctx.dir, 'error.log')} warn; worker_processes 1;
events { worker_connections 128; }
http {
  access_log off; types { text/html html; text/plain txt; application/pdf pdf; } default_type application/octet-stream;
  client_body_temp_path ${tmp}/b; proxy_temp_path ${tmp}/p; fastcgi_temp_path ${tmp}/f; uwsgi_temp_path ${tmp}/u; scgi_temp_path ${tmp}/s;
  server { listen ${host}:${port}${tls}; root ${root};
${body}
  }
}
`,
      );
    },
    args: ({ dir }) => ['-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf'), '-p', dir],
  });
}

const DENY_DOT_FILES = 'location ~ /\\. { deny all; }';

function startPhp(name: string, host: string, files: Record<string, string>, router?: string) {
  return startDaemon({
    name, binary: 'php', host, port: 80,
    env: { MAILER_PASSWORD: 'php-bench-synthetic-mail-0815', APP_ENV: 'prod' },
    prepare: ({ dir }) => writeFiles(join(dir, 'www'), files),
    args: ({ dir, port }) => ['-S', `${host}:${port}`, '-t', join(dir, 'www'), ...(router ? [join(dir, 'www', router)] : [])],
  });
}

async function startSymfony(name: string, host: string, debug: boolean) {
  const d = await startDaemon({
    name, binary: 'php', host, port: 80,
    env: { APP_DEBUG: debug ? '1' : '0', APP_SECRET: 'synthetic-app-secret-0000', DATABASE_URL: 'mysql://termine:bench-synthetic-db-pw@127.40.1.99:3306/termine' },
    prepare: ({ dir }) => writeFiles(join(dir, 'public'), { 'index.php': `<?php putenv('APP_VAR=' . dirname(__DIR__) . '/var'); require ${JSON.stringify(SYMFONY_APP)};` }),
    args: ({ dir, port }) => ['-d', 'variables_order=EGPCS', '-S', `${host}:${port}`, '-t', join(dir, 'public'), join(dir, 'public', 'index.php')],
  });
  // The first request compiles the container (and, in debug mode, records a profile to list).
  await fetch(`http://${host}/`, { signal: AbortSignal.timeout(60_000) }).then((r) => r.arrayBuffer());
  return d;
}

export const WEB_PEERS: readonly PeerSpec[] = [
  {
    name: 'nginx (dot files, stub_status, autoindex open)', host: '127.40.1.1', role: 'exposed', needs: nginxNeeds,
    expected: [{ check: 'http.env-file' }, { check: 'http.git-config' }, { check: 'http.debug-endpoint' }, { check: 'http.document-listing' }],
    start: async () =>
      daemonPeer(await startNginx('nginx leaky', '127.40.1.1', 80, (_ctx, root) => {
        practiceSite(root, true);
        return '    location = /nginx_status { stub_status; }\n    location /befunde/ { autoindex on; }';
      })),
  },
  {
    name: 'nginx (dot files denied, autoindex behind password)', host: '127.40.1.2', role: 'fixed', expected: [], needs: nginxNeeds,
    start: async () =>
      daemonPeer(await startNginx('nginx fixed', '127.40.1.2', 80, ({ dir }, root) => {
        practiceSite(root, true);
        const hash = execFileSync('openssl', ['passwd', '-apr1', 'Bench-geheim-2026'], { encoding: 'utf8' }).trim();
        writeFileSync(join(dir, 'htpasswd'), `praxis:${hash}\n`);
        return `    ${DENY_DOT_FILES}\n    location = /nginx_status { deny all; }\n    location /befunde/ { autoindex on; auth_basic "Praxis"; auth_basic_user_file ${join(dir, 'htpasswd')}; }`;
      })),
  },
  {
    name: 'nginx (TLS 1.0/1.1, expired certificate)', host: '127.40.1.3', role: 'exposed', needs: nginxNeeds,
    expected: [{ check: 'tls.weak', key: 'protocol' }, { check: 'tls.weak', key: 'expired' }],
    start: async () =>
      daemonPeer(await startNginx('nginx old TLS', '127.40.1.3', 443, ({ dir }, root) => {
        practiceSite(root, false);
        const expired = createSelfSignedCert('alte-praxis-box', ['127.40.1.3'], 0);
        writeFileSync(join(dir, 'old.crt'), expired.cert);
        writeFileSync(join(dir, 'old.key'), expired.key);
        return `    ssl_certificate ${join(dir, 'old.crt')}; ssl_certificate_key ${join(dir, 'old.key')};\n    ssl_protocols TLSv1 TLSv1.1 TLSv1.2; ssl_ciphers ALL:@SECLEVEL=0;\n    ${DENY_DOT_FILES}`;
      })),
  },
  {
    name: 'nginx (TLS 1.2+, current certificate)', host: '127.40.1.4', role: 'fixed', expected: [], needs: nginxNeeds,
    start: async () =>
      daemonPeer(await startNginx('nginx current TLS', '127.40.1.4', 443, ({ dir }, root) => {
        practiceSite(root, false);
        const cert = createSelfSignedCert('praxis.example', ['127.40.1.4'], 90);
        writeFileSync(join(dir, 'new.crt'), cert.cert);
        writeFileSync(join(dir, 'new.key'), cert.key);
        return `    ssl_certificate ${join(dir, 'new.crt')}; ssl_certificate_key ${join(dir, 'new.key')};\n    ssl_protocols TLSv1.2 TLSv1.3;\n    ${DENY_DOT_FILES}`;
      })),
  },
  {
    name: 'php -S (project folder as docroot)', host: '127.40.1.5', role: 'exposed', needs: phpNeeds,
    expected: [{ check: 'http.phpinfo' }, { check: 'http.env-file' }, { check: 'http.git-config' }],
    start: async () =>
      daemonPeer(await startPhp('php leaky', '127.40.1.5', {
        'index.php': '<?php echo "Terminbuchung";',
        'info.php': '<?php phpinfo();',
        '.env': 'APP_ENV=prod\nMAILER_DSN=smtp://praxis:php-bench-synthetic-mail-0815@mail.example:587\n',
        '.git/config': '[core]\n\trepositoryformatversion = 0\n\tbare = false\n',
        '.git/HEAD': 'ref: refs/heads/main\n',
      })),
  },
  {
    name: 'php -S (front controller, soft-404)', host: '127.40.1.6', role: 'fixed', expected: [], needs: phpNeeds,
    start: async () =>
      daemonPeer(await startPhp('php front controller', '127.40.1.6', {
        'router.php':
          "<?php if (preg_match('#/\\.#', $_SERVER['REQUEST_URI'])) { http_response_code(404); echo 'not found'; return true; }\n" +
          "echo '<html><head><title>Terminbuchung</title></head><body><h1>Termin buchen</h1></body></html>'; return true;",
      }, 'router.php')),
  },
  {
    name: 'Symfony 5.4 (debug, web profiler)', host: '127.40.1.7', role: 'exposed', needs: symfonyNeeds,
    expected: [{ check: 'http.symfony-profiler' }],
    start: async () => daemonPeer(await startSymfony('symfony debug', '127.40.1.7', true)),
  },
  {
    name: 'Symfony 5.4 (prod)', host: '127.40.1.8', role: 'fixed', expected: [], needs: symfonyNeeds,
    start: async () => daemonPeer(await startSymfony('symfony prod', '127.40.1.8', false)),
  },
];
