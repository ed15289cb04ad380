// A one-line progress bar on stderr. Silent unless stderr is a terminal, and it appears only
// once the scan has run for a second: quick scans and pipes see nothing. Lines printed through
// it (live results) clear the bar first, so the two never mix.

export type Phase = 'hosts' | 'discovery' | 'identify' | 'checks';

const LABELS: Record<'de' | 'en', Record<Phase | 'open' | 'findings', string>> = {
  de: { hosts: 'Host-Suche', discovery: 'Ports', identify: 'Dienste', checks: 'Prüfungen', open: 'offen', findings: 'Befunde' },
  en: { hosts: 'host discovery', discovery: 'ports', identify: 'services', checks: 'checks', open: 'open', findings: 'findings' },
};

export interface ProgressOptions {
  stream: NodeJS.WriteStream;
  enabled: boolean;
  lang: 'de' | 'en';
  /** Show nothing before this many ms (default 1000). */
  delayMs?: number;
  now?: () => number;
}

export class ProgressBar {
  private readonly started: number;
  private readonly state: Record<Phase, { done: number; total: number }> = {
    hosts: { done: 0, total: 0 },
    discovery: { done: 0, total: 0 },
    identify: { done: 0, total: 0 },
    checks: { done: 0, total: 0 },
  };
  private shown = false;
  private lastDraw = 0;
  private timer: NodeJS.Timeout | undefined;
  private openPorts = 0;
  private findings = 0;

  constructor(private readonly opts: ProgressOptions) {
    this.started = this.now();
    if (opts.enabled) {
      // Redraw on a clock too, so the bar appears after the delay even when nothing changes.
      this.timer = setInterval(() => this.draw(), 250);
      this.timer.unref();
    }
  }

  update(phase: Phase, done: number, total: number): void {
    this.state[phase] = { done, total };
    this.draw();
  }

  countOpenPort(): void {
    this.openPorts++;
  }

  countFinding(): void {
    this.findings++;
  }

  /** Writes a whole line above the bar. */
  println(line: string): void {
    this.clear();
    this.opts.stream.write(`${line}\n`);
    this.draw(true);
  }

  stop(): void {
    clearInterval(this.timer);
    this.clear();
  }

  private draw(force = false): void {
    if (!this.opts.enabled) return;
    const now = this.now();
    if (now - this.started < (this.opts.delayMs ?? 1000)) return;
    if (!force && this.shown && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.shown = true;
    this.opts.stream.write(`\r${this.render(now)}\u001b[K`);
  }

  private render(now: number): string {
    // Host discovery comes first; its bar gives way once the port scan has begun.
    const sweeping = this.state.discovery.total === 0 && this.state.hosts.total > 0;
    const d = sweeping ? this.state.hosts : this.state.discovery;
    const fraction = d.total > 0 ? Math.min(1, d.done / d.total) : 0;
    const width = 24;
    const filled = Math.round(fraction * width);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
    const labels = LABELS[this.opts.lang];
    const seconds = ((now - this.started) / 1000).toFixed(0);
    const svc = this.state.identify;
    return (
      `${bar} ${(fraction * 100).toFixed(0).padStart(3)}% ${sweeping ? labels.hosts : labels.discovery} ${d.done}/${d.total}` +
      ` · ${this.openPorts} ${labels.open} · ${labels.identify} ${svc.done}/${this.openPorts} · ${this.findings} ${labels.findings}` +
      ` · ${seconds}s`
    ).slice(0, Math.max(20, (this.opts.stream.columns || 80) - 1));
  }

  private clear(): void {
    if (this.shown) this.opts.stream.write('\r\u001b[K');
  }

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }
}
