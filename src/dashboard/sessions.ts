/**
 * Login sessions, held in the dashboard process: a restart logs everybody out, which is the
 * safe direction. The cookie carries a random 32-byte token; each session has its own CSRF
 * token for forms. A session ends after `idleMs` without a request or `maxAgeMs` after login,
 * whichever comes first.
 */
import { randomBytes } from 'node:crypto';

export interface Session {
  token: string;
  csrf: string;
  user: string;
  createdAt: number;
  lastSeenAt: number;
}

export interface SessionLimits {
  idleMs: number;
  maxAgeMs: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = { idleMs: 30 * 60_000, maxAgeMs: 8 * 3600_000 };
/** Bounds memory when something opens sessions in a loop (each one needed a correct password). */
const MAX_SESSIONS = 10_000;

const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly limits: SessionLimits = DEFAULT_SESSION_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  create(user: string): Session {
    this.sweep();
    if (this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
    const at = this.now();
    const session: Session = { token: randomBytes(32).toString('base64url'), csrf: randomBytes(32).toString('base64url'), user, createdAt: at, lastSeenAt: at };
    this.sessions.set(session.token, session);
    return session;
  }

  /** The live session for a cookie value, refreshed; undefined when unknown or expired. */
  get(token: string | undefined): Session | undefined {
    if (!token || !TOKEN_FORMAT.test(token)) return undefined;
    const session = this.sessions.get(token);
    if (!session) return undefined;
    const at = this.now();
    if (at - session.lastSeenAt > this.limits.idleMs || at - session.createdAt > this.limits.maxAgeMs) {
      this.sessions.delete(token);
      return undefined;
    }
    session.lastSeenAt = at;
    return session;
  }

  destroy(token: string | undefined): void {
    if (token) this.sessions.delete(token);
  }

  /** Ends every session of a user (after `user remove` the next request is logged out anyway). */
  destroyUser(user: string): void {
    for (const [token, s] of this.sessions) if (s.user === user) this.sessions.delete(token);
  }

  get size(): number {
    return this.sessions.size;
  }

  private sweep(): void {
    const at = this.now();
    for (const [token, s] of this.sessions) {
      if (at - s.lastSeenAt > this.limits.idleMs || at - s.createdAt > this.limits.maxAgeMs) this.sessions.delete(token);
    }
  }
}
