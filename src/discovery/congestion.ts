// Adaptive concurrency: additive growth on answers, multiplicative back-off on trouble.
// Timeouts shrink the window at most once per timeout period (one "round trip"), because a
// filtered host produces a burst of them that says the same thing once. Only timeouts from a host
// that has answered count: silence from an address that never answered says nothing about
// congestion (an empty address, like a filtered port without a later answer in nmap's terms),
// and cutting on it crawled through mostly empty ranges at the floor. Local resource errors
// (EMFILE, EADDRNOTAVAIL) halve it and pause issuing briefly.

export class ConcurrencyController {
  private win: number;
  private lastTimeoutCut = -Infinity;
  private lastResourceCut = -Infinity;
  private pausedUntil = 0;
  readonly min: number;

  constructor(
    readonly max: number,
    private readonly timeoutMs: number,
  ) {
    this.min = Math.min(max, 16);
    this.win = Math.min(max, 256);
  }

  get window(): number {
    return Math.floor(this.win);
  }

  /** Slow start below half the ceiling, then +1 per window of answers. */
  answered(): void {
    if (this.win >= this.max) return;
    this.win = Math.min(this.max, this.win + (this.win < this.max / 2 ? 1 : 1 / Math.max(1, this.win / 64)));
  }

  timedOut(now: number, hostHasAnswered: boolean): void {
    if (!hostHasAnswered) return;
    if (now - this.lastTimeoutCut < this.timeoutMs) return;
    this.lastTimeoutCut = now;
    this.win = Math.max(this.min, this.win * 0.75);
  }

  resourceShortage(now: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, now + 20);
    if (now - this.lastResourceCut < 20) return;
    this.lastResourceCut = now;
    this.win = Math.max(this.min, this.win / 2);
  }

  /** Milliseconds to hold back after a resource shortage; 0 when free to issue. */
  pauseMs(now: number): number {
    return Math.max(0, this.pausedUntil - now);
  }
}
