/** Real receivers on loopback for the alert tests: an SMTP server (smtp-server) and an HTTP webhook endpoint. */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createSelfSignedCert } from '../../src/lab/self-signed-cert.js';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  user: string | undefined;
  secure: boolean;
}

export interface SmtpReceiver {
  url: string;
  /** PEM to trust (the receiver's self-signed certificate). */
  ca: string;
  mails: ReceivedMail[];
  stop(this: void): Promise<void>;
}

/** STARTTLS with a self-signed certificate and login required (user praxis, password given). */
export async function startSmtpReceiver(host: string, password: string): Promise<SmtpReceiver> {
  const tls = createSelfSignedCert('smtp-receiver', [host]);
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    key: tls.key,
    cert: tls.cert,
    authMethods: ['PLAIN', 'LOGIN'],
    size: 1024 * 1024,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'praxis' && auth.password === password) callback(null, { user: auth.username });
      else callback(new Error('invalid login'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: typeof session.user === 'string' ? session.user : undefined,
          secure: session.secure,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://praxis:${encodeURIComponent(password)}@${host}:${port}`,
    ca: tls.cert,
    mails,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WebhookReceiver {
  url: string;
  hooks: ReceivedHook[];
  /** Every request, including the failed ones. */
  attempts: number;
  stop(this: void): Promise<void>;
}

/** Answers 503 to the first `failFirst` requests, then 204 and records the body. */
export async function startWebhookReceiver(host: string, opts: { failFirst?: number; delayMs?: number } = {}): Promise<WebhookReceiver> {
  const receiver = { url: '', hooks: [] as ReceivedHook[], attempts: 0, stop: () => Promise.resolve() };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      receiver.attempts++;
      const answer = (): void => {
        if (receiver.attempts <= (opts.failFirst ?? 0)) {
          res.writeHead(503).end('try later');
          return;
        }
        receiver.hooks.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(204).end();
      };
      if (opts.delayMs) setTimeout(answer, opts.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  receiver.url = `http://${host}:${(server.address() as AddressInfo).port}/hooks/praxiswache`;
  receiver.stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}
