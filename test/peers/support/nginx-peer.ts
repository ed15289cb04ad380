import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDaemon, type DaemonContext, type RunningDaemon } from './daemon.js';

/**
 * Debian's nginx (nginx-light) as a real peer: one server block on one 127.x.y.z address and
 * port, its config, temp paths, pid and log in the daemon's throwaway directory.
 *
 *   startNginx('nginx (autoindex on)', '127.24.1.1', () => '    autoindex on;', (dir) => makeWebRoot(dir));
 *
 * `server` is the body of the server block (listen and root are written here); a body that names
 * an ssl_certificate makes the port a TLS port. `root` fills a web root below the daemon's dir
 * and returns its path.
 */
export function startNginx(
  name: string,
  host: string,
  server: (ctx: DaemonContext) => string,
  root: (dir: string) => string,
  port?: number,
): Promise<RunningDaemon> {
  return startDaemon({
    name,
    binary: 'nginx',
    host,
    ...(port === undefined ? {} : { port }),
    logFile: 'error.log',
    prepare: (ctx) => {
      // the workers run as nobody: the throwaway dir must be traversable for them
      chmodSync(ctx.dir, 0o755);
      writeFileSync(join(ctx.dir, 'nginx.conf'), nginxConf(ctx, server(ctx), root(ctx.dir)));
    },
    args: ({ dir }) => ['-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf'), '-p', dir],
  });
}

function nginxConf(ctx: DaemonContext, server: string, root: string): string {
  const tmp = (n: string): string => join(ctx.dir, 'tmp', n);
  mkdirSync(join(ctx.dir, 'tmp'), { recursive: true });
  return `daemon off;
pid ${join(ctx.dir, 'nginx.pid')};
error_log ${join(ctx.dir, 'error.log')} warn;
worker_processes 1;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${tmp('body')}; proxy_temp_path ${tmp('proxy')}; fastcgi_temp_path ${tmp('fastcgi')};
  uwsgi_temp_path ${tmp('uwsgi')}; scgi_temp_path ${tmp('scgi')};
  types { text/html html; text/plain txt; }
  default_type application/octet-stream;
  server {
    listen ${ctx.host}:${ctx.port}${server.includes('ssl_certificate') ? ' ssl' : ''};
    root ${root};
${server}
  }
}
`;
}

/**
 * A certificate made by the openssl CLI (not our own code) for `host`, valid 30 days, written into
 * `dir`; returns the server-block lines that use it.
 */
export function opensslCertificate(dir: string, host: string, file = 'server'): string {
  const crt = join(dir, `${file}.crt`);
  const key = join(dir, `${file}.key`);
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '30', '-subj', '/CN=praxis.example',
    '-addext', `subjectAltName=IP:${host}`, '-keyout', key, '-out', crt,
  ], { stdio: 'ignore' });
  return `    ssl_certificate ${crt}; ssl_certificate_key ${key};`;
}
