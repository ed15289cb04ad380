import net from 'node:net';
import { startTcpServer } from '../../identify/tcp-fixtures.js';

/**
 * In-process FTP server speaking just enough of RFC 959/2428 for basic-ftp: anonymous login when
 * `anonymous` is set (530 otherwise), EPSV/PASV data connections on the same 127/8 address and
 * a LIST of `entries` (names ending in "/" are directories).
 */
export interface FtpFixture {
  host: string;
  port: number;
  /** Commands received (arguments of PASS masked), to assert what the check did. */
  commands: string[];
  close(): Promise<void>;
}

function listLine(name: string): string {
  const dir = name.endsWith('/');
  return `${dir ? 'drwxr-xr-x' : '-rw-r--r--'}    1 ftp      ftp          1024 Jan 01  2024 ${dir ? name.slice(0, -1) : name}\r\n`;
}

export function startFtpFixture(host: string, opts: { anonymous: boolean; entries: string[] }): Promise<FtpFixture> {
  const commands: string[] = [];
  const dataSockets = new Set<net.Socket>();
  const listeners = new Set<net.Server>();
  const serve = (control: net.Socket): void => {
    control.write('220 (fixture FTP 1.0)\r\n');
    let user = '';
    let loggedIn = false;
    let data: Promise<net.Socket> | undefined;
    let pending = '';
    const reply = (line: string): boolean => control.write(`${line}\r\n`);
    control.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      let nl: number;
      while ((nl = pending.indexOf('\n')) !== -1) {
        const line = pending.slice(0, nl).trim();
        pending = pending.slice(nl + 1);
        const [verb = '', ...rest] = line.split(' ');
        const arg = rest.join(' ');
        const command = verb.toUpperCase();
        commands.push(command === 'PASS' ? 'PASS ***' : line);
        if (command === 'USER') {
          user = arg;
          reply('331 Please specify the password.');
        } else if (command === 'PASS') {
          loggedIn = opts.anonymous && (user === 'anonymous' || user === 'ftp');
          reply(loggedIn ? '230 Login successful.' : '530 Login incorrect.');
        } else if (!loggedIn && command !== 'QUIT' && command !== 'FEAT') {
          reply('530 Please login with USER and PASS.');
        } else if (command === 'EPSV' || command === 'PASV') {
          const listener = net.createServer();
          listeners.add(listener);
          data = new Promise((resolve) => listener.once('connection', (s) => {
            dataSockets.add(s);
            listener.close();
            resolve(s);
          }));
          listener.listen(0, host, () => {
            const port = (listener.address() as net.AddressInfo).port;
            if (command === 'EPSV') reply(`229 Entering Extended Passive Mode (|||${port}|)`);
            else reply(`227 Entering Passive Mode (${host.replaceAll('.', ',')},${port >> 8},${port & 255}).`);
          });
        } else if (command === 'LIST') {
          const connection = data;
          data = undefined;
          if (!connection) {
            reply('425 Use PORT or PASV first.');
            continue;
          }
          reply('150 Here comes the directory listing.');
          void connection.then((s) => s.end(opts.entries.map(listLine).join(''), () => reply('226 Directory send OK.')));
        } else if (command === 'QUIT') {
          reply('221 Goodbye.');
          control.end();
        } else if (command === 'FEAT') {
          reply('211-Features:\r\n EPSV\r\n PASV\r\n UTF8\r\n211 End');
        } else if (command === 'PWD') {
          reply('257 "/" is the current directory');
        } else {
          reply('200 OK.');
        }
      }
    });
  };
  return startTcpServer(host, serve).then((server) => ({
    ...server,
    commands,
    close: async () => {
      for (const s of dataSockets) s.destroy();
      for (const s of listeners) s.close();
      await server.close();
    },
  }));
}
