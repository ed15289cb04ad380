/**
 * Login throttling: after `maxFailures` wrong passwords within `windowMs` for the same user name
 * or from the same client address, further attempts for that key are refused until the window
 * has passed. Two keys, so neither guessing one account from many addresses nor many accounts
 * from one address gets far. Refused attempts do not run scrypt at all.
 */
export interface ThrottleLimits {
  maxFailures: number;
  windowMs: number;
}

export const DEFAULT_THROTTLE_LIMITS: ThrottleLimits = { maxFailures: 5, windowMs: 15 * 60_000 };
/** Bounds memory under a flood of distinct names. */
const MAX_KEYS = 50_000;

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: ThrottleLimits = DEFAULT_THROTTLE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  private static keys(user: string, ip: string): string[] {
    return [`user:${user.toLowerCase()}`, `ip:${ip}`];
  }

  private recent(key: string): number[] {
    const since = this.now() - this.limits.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Milliseconds until a new attempt is allowed; 0 when it is allowed now. */
  retryAfterMs(user: string, ip: string): number {
    let wait = 0;
    for (const key of LoginThrottle.keys(user, ip)) {
      const list = this.recent(key);
      if (list.length >= this.limits.maxFailures) {
        const oldest = list[list.length - this.limits.maxFailures] ?? this.now();
        wait = Math.max(wait, oldest + this.limits.windowMs - this.now());
      }
    }
    return wait;
  }

  fail(user: string, ip: string): void {
    if (this.failures.size >= MAX_KEYS) this.failures.clear();
    for (const key of LoginThrottle.keys(user, ip)) this.failures.set(key, [...this.recent(key), this.now()]);
  }

  /** A correct password clears the user's failures (not the address's: others may guess from there). */
  succeed(user: string): void {
    this.failures.delete(`user:${user.toLowerCase()}`);
  }
}
