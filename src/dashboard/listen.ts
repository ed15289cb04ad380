/** The --listen address of the dashboard: loopback unless the operator says otherwise. */
import { isIP } from 'node:net';
import { UsageError } from '../core/types.js';

export const DEFAULT_LISTEN = '127.0.0.1:8765';

export interface ListenAddress {
  host: string;
  port: number;
  loopback: boolean;
}

/** "127.0.0.1:8765", "[::1]:8765", "localhost:8765" or "0.0.0.0:8765" (port 0: any free port). */
export function parseListen(text: string): ListenAddress {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(text.trim());
  const port = Number(m?.[3]);
  const host = m?.[1] ?? m?.[2] ?? '';
  if (!m || port > 65535 || (host !== 'localhost' && isIP(host) === 0)) {
    throw new UsageError(`--listen must be ADDRESS:PORT with an IP address, e.g. 127.0.0.1:8765 or [::1]:8765 (got "${text}")`);
  }
  const loopback = host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
  return { host: host === 'localhost' ? '127.0.0.1' : host, port, loopback };
}
