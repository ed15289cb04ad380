import mysql from 'mysql2';
import type { AddressInfo, Server } from 'node:net';

/**
 * In-process MySQL server (mysql2's own server side of the protocol): accepts the accounts in
 * `emptyPassword` without a password, refuses everything else with 1045, and answers any query
 * with one row as the check's query expects (version, mapped account, database count).
 */
export interface MysqlFixture {
  host: string;
  port: number;
  /** User names the fixture saw, in order (to prove what the check tried). */
  attempts: string[];
  close(): Promise<void>;
}

/** The server-side methods of mysql2's connection that its typings leave out. */
interface ServerSide {
  sequenceId: number;
  clientHelloReply?: { user: string };
  writeColumns(columns: object[]): void;
  writeTextRow(values: string[]): void;
  writeEof(): void;
}

const COLUMN = { catalog: 'def', schema: '', table: '', orgTable: '', orgName: '', characterSet: 33, columnLength: 256, columnType: 253, flags: 0, decimals: 0 };

export function startMysqlFixture(host: string, opts: { emptyPassword: Record<string, string>; databases: number }): Promise<MysqlFixture> {
  const attempts: string[] = [];
  const server = mysql.createServer((conn) => {
    conn.on('error', () => undefined);
    conn.serverHandshake({
      protocolVersion: 10,
      serverVersion: '10.11.6-MariaDB-fixture',
      connectionId: 1,
      statusFlags: 2,
      characterSet: 8,
      capabilityFlags: 0xf7ff,
      authCallback: (params: { user: string; authToken: Buffer }, cb: (err: null, error?: { message: string; code: number }) => void) => {
        attempts.push(params.user);
        const account = opts.emptyPassword[params.user];
        if (account !== undefined && params.authToken.length === 0) cb(null);
        else cb(null, { message: `Access denied for user '${params.user}'`, code: 1045 });
      },
    });
    conn.on('query', () => {
      const server = conn as unknown as ServerSide;
      const user = server.clientHelloReply?.user ?? '';
      const names = ['version', 'account', 'databases_count'];
      server.sequenceId = 1; // the reply to a command starts at 1; mysql2's server side does not reset it
      server.writeColumns(names.map((name) => ({ ...COLUMN, name, orgName: name })));
      server.writeTextRow(['10.11.6-MariaDB-fixture', opts.emptyPassword[user] ?? '', String(opts.databases)]);
      server.writeEof();
    });
  });
  // mysql2's Server keeps its net.Server private and types listen() with the port only
  const inner = (server as unknown as { _server: Server })._server;
  return new Promise((resolve) => {
    inner.listen(0, host, () => {
      const { port } = inner.address() as AddressInfo;
      resolve({ host, port, attempts, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}
