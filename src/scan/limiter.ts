// Runs at most `max` async jobs at once; the rest wait in arrival order. Jobs never reject
// into the limiter (a failing job is the job's business), so one bad port cannot stop the scan.

export class Limiter {
  private active = 0;
  private readonly waiting: (() => Promise<void>)[] = [];
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly max: number) {}

  run(job: () => Promise<void>): void {
    this.waiting.push(job);
    this.pump();
  }

  /** Resolves once every job given so far (and any they add) has finished. */
  idle(): Promise<void> {
    if (this.active === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Drops jobs that have not started yet (after an abort they would only cost time). */
  dropWaiting(): void {
    this.waiting.length = 0;
    this.settleIfIdle();
  }

  private pump(): void {
    while (this.active < this.max) {
      const job = this.waiting.shift();
      if (!job) break;
      this.active++;
      job()
        .catch(() => undefined)
        .finally(() => {
          this.active--;
          this.pump();
          this.settleIfIdle();
        });
    }
  }

  private settleIfIdle(): void {
    if (this.active > 0 || this.waiting.length > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

/** Resolves `ms` after the signal aborts (never, if it does not); cancel() frees the timer. */
export function graceAfterAbort(signal: AbortSignal, ms: number): { done: Promise<void>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  let onAbort = (): void => undefined;
  const done = new Promise<void>((resolve) => {
    onAbort = (): void => {
      timer = setTimeout(resolve, ms);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  return {
    done,
    cancel: () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    },
  };
}
