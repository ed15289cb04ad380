// Pulls hosts lazily from the (possibly huge, possibly async) target iterator into a small
// buffer, so a /16 is never held in memory; the scheduler takes from the buffer synchronously.
import type { HostTarget } from '../core/types.js';
import { Fifo } from './fifo.js';

type AnyIterator = Iterator<HostTarget> | AsyncIterator<HostTarget>;

export class HostFeeder {
  private readonly buffer = new Fifo<HostTarget>();
  private readonly iterator: AnyIterator;
  private readonly sync: boolean;
  private pulling = false;
  private finished = false;
  private stopped = false;
  failure: unknown = undefined;

  constructor(
    source: AsyncIterable<HostTarget> | Iterable<HostTarget>,
    private readonly capacity: number,
    private readonly onAvailable: () => void,
  ) {
    if (Symbol.asyncIterator in source) {
      this.iterator = source[Symbol.asyncIterator]();
      this.sync = false;
    } else {
      this.iterator = source[Symbol.iterator]();
      this.sync = true;
    }
  }

  /** True once the source is exhausted (or failed) and the buffer is empty. */
  get exhausted(): boolean {
    return this.finished && this.buffer.length === 0;
  }

  take(): HostTarget | undefined {
    const host = this.buffer.shift();
    if (!this.finished && this.buffer.length < this.capacity / 2) this.fill();
    return host;
  }

  /** Top the buffer up; sync sources fill at once, async ones in the background. */
  fill(): void {
    if (this.pulling || this.finished || this.stopped) return;
    if (this.sync) {
      const it = this.iterator as Iterator<HostTarget>;
      try {
        while (this.buffer.length < this.capacity) {
          const r = it.next();
          if (r.done === true) {
            this.finished = true;
            break;
          }
          this.buffer.push(r.value);
        }
      } catch (err) {
        this.fail(err);
      }
      return;
    }
    this.pulling = true;
    void this.pullAsync();
  }

  private async pullAsync(): Promise<void> {
    try {
      while (!this.stopped && this.buffer.length < this.capacity) {
        const r = await this.iterator.next();
        if (r.done === true) {
          this.finished = true;
          break;
        }
        this.buffer.push(r.value);
        if (this.buffer.length === 1) this.onAvailable();
      }
    } catch (err) {
      this.fail(err);
    } finally {
      this.pulling = false;
    }
    this.onAvailable();
  }

  private fail(err: unknown): void {
    this.failure = err;
    this.finished = true;
  }

  /** Stop pulling and let the source clean up (generators run their finally blocks). */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.buffer.clear();
    if (!this.finished) {
      this.finished = true;
      try {
        const r = this.iterator.return?.();
        if (r instanceof Promise) r.catch(() => undefined);
      } catch {
        // the source's own cleanup failing must not break stopping
      }
    }
  }
}
