import type { RunningServer } from './document-server.js';
import { startSocketServer } from './socket-server.js';

/**
 * The mail server of practice software as in Doc Cirrus 2020: IMAP on 143 offering password
 * login in clear (no STARTTLS, no LOGINDISABLED). No mailbox behind it: every login fails.
 */
export function startPlaintextImap(host: string, port: number): Promise<RunningServer> {
  const capabilities = 'IMAP4rev1 AUTH=PLAIN AUTH=LOGIN';
  return startSocketServer(host, port, (socket) => {
    socket.setTimeout(10_000, () => socket.destroy());
    socket.write(`* OK [CAPABILITY ${capabilities}] Praxis-Mail IMAP ready\r\n`);
    let pending = '';
    socket.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      if (pending.length > 4096) return socket.destroy();
      let nl: number;
      while ((nl = pending.indexOf('\n')) !== -1) {
        const [tag = '*', command = ''] = pending.slice(0, nl).trim().split(/\s+/);
        pending = pending.slice(nl + 1);
        const verb = command.toUpperCase();
        if (verb === 'CAPABILITY') socket.write(`* CAPABILITY ${capabilities}\r\n${tag} OK CAPABILITY completed\r\n`);
        else if (verb === 'LOGOUT') return socket.end(`* BYE logging out\r\n${tag} OK LOGOUT completed\r\n`);
        else if (verb === 'LOGIN' || verb === 'AUTHENTICATE') socket.write(`${tag} NO [AUTHENTICATIONFAILED] Authentication failed\r\n`);
        else socket.write(`${tag} BAD unknown command\r\n`);
      }
    });
  });
}
