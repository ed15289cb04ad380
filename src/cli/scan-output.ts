// What `praxiswache scan` prints while it runs: live result lines (text format) or streamed
// JSON Lines (jsonl to stdout), and the progress bar. The final report is written by scan.ts.
import type { Finding, Lang, OpenPort, PortResult } from '../core/types.js';
import type { ScanEvents } from '../scan/index.js';
import { findingRecord, hostPort, hostRecord, painter, portRecord, SEVERITY_LABEL, SEVERITY_STYLE } from '../report/index.js';
import { ProgressBar } from './progress.js';

export interface LiveOptions {
  mode: 'lines' | 'jsonl' | 'none';
  lang: Lang;
  /** Colours for the live lines on stderr. */
  color: boolean;
  progress: boolean;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
}

export interface LiveOutput {
  events: ScanEvents;
  note(line: string): void;
  stop(): void;
}

export function liveOutput(opts: LiveOptions): LiveOutput {
  const bar = new ProgressBar({ stream: opts.stderr, enabled: opts.progress, lang: opts.lang });
  const paint = painter(opts.color);
  const hostsSeen = new Set<string>();
  const events: ScanEvents = {
    onProgress: (p) => bar.update(p.phase, p.done, p.total),
    onOpenPort: (p: OpenPort) => {
      bar.countOpenPort();
      if (opts.mode === 'lines') bar.println(paint(`open  ${hostPort(p.host, p.port)}`, 'dim'));
    },
    onService: (host: string, p: PortResult) => {
      if (opts.mode !== 'jsonl') return;
      if (!hostsSeen.has(host)) {
        hostsSeen.add(host);
        opts.stdout.write(hostRecord({ address: host }));
      }
      opts.stdout.write(portRecord(host, p));
    },
    onFinding: (f: Finding) => {
      bar.countFinding();
      if (opts.mode === 'jsonl') opts.stdout.write(findingRecord(f));
      if (opts.mode === 'lines') {
        const label = paint(SEVERITY_LABEL[opts.lang][f.severity], ...SEVERITY_STYLE[f.severity]);
        bar.println(`${label}  ${hostPort(f.host, f.port)}  ${f.title}`);
      }
    },
  };
  return { events, note: (line) => bar.println(line), stop: () => bar.stop() };
}
