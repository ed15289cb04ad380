/**
 * Where the job queue lives: a redis:// or rediss:// URL turned into the connection options
 * BullMQ hands to its Redis client, and a quick reachability check so a wrong URL ends in
 * seconds with a clear message instead of a client that retries for ever.
 */
import { Queue, type ConnectionOptions } from 'bullmq';
import { UsageError } from '../core/types.js';
import { maskUrl } from '../store/mask.js';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
/** One queue for every scan round; workers and dispatchers must agree on it. */
export const SCAN_QUEUE = 'praxiswache-scans';
const CONNECT_TIMEOUT_MS = 3_000;

export function resolveRedisUrl(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? env.PRAXISWACHE_REDIS ?? DEFAULT_REDIS_URL;
}

export interface RedisTarget {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  tls: boolean;
}

/** redis://[user:pass@]host[:port][/db]; rediss:// for TLS. Anything else is a usage error. */
export function parseRedisUrl(text: string): RedisTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--redis must be a URL such as redis://127.0.0.1:6379, not "${maskUrl(text)}"`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new UsageError(`--redis must start with redis:// or rediss://, not "${url.protocol}//"`);
  }
  const dbText = url.pathname.replace(/^\//, '');
  if (dbText !== '' && !/^\d+$/.test(dbText)) throw new UsageError(`--redis: the database after the "/" must be a number, not "${dbText}"`);
  const port = url.port === '' ? 6379 : Number(url.port);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw new UsageError('--redis: the URL names no host');
  return {
    host,
    port,
    db: dbText === '' ? 0 : Number(dbText),
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    tls: url.protocol === 'rediss:',
  };
}

export function connectionOptions(target: RedisTarget, extra: Partial<Record<string, unknown>> = {}): ConnectionOptions {
  return {
    host: target.host,
    port: target.port,
    db: target.db,
    ...(target.username ? { username: target.username } : {}),
    ...(target.password ? { password: target.password } : {}),
    ...(target.tls ? { tls: { servername: target.host } } : {}),
    connectTimeout: CONNECT_TIMEOUT_MS,
    ...extra,
  };
}

/** Options for short-lived commands (queue add/status): give up after a few failed connects. */
export function shortLivedConnection(target: RedisTarget): ConnectionOptions {
  return connectionOptions(target, {
    maxRetriesPerRequest: 1,
    retryStrategy: (times: number) => (times > 2 ? null : 200 * times),
  });
}


/**
 * Connects once, without retrying, within a few seconds. Throws a plain Error (exit 3) naming
 * the masked URL when Redis does not answer, so `worker` and `queue` never hang on a typo.
 */
export async function assertRedisReachable(url: string, timeoutMs = CONNECT_TIMEOUT_MS + 2_000): Promise<void> {
  const target = parseRedisUrl(url);
  const probe = new Queue(SCAN_QUEUE, {
    connection: connectionOptions(target, { maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false }),
  });
  let lastError = '';
  probe.on('error', (err: Error) => (lastError = err.message));
  let timer: NodeJS.Timeout | undefined;
  try {
    const client = await Promise.race([
      probe.waitUntilReady(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    await client.info();
  } catch (err) {
    const reason = lastError || (err as Error).message;
    throw new Error(`Redis at ${maskUrl(url)} is not reachable: ${reason}`);
  } finally {
    clearTimeout(timer);
    await Promise.race([probe.close().catch(() => {}), new Promise((r) => setTimeout(r, 1_000))]);
  }
}
