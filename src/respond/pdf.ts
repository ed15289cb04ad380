/**
 * PDF of a notice, when a renderer is available: the self-contained HTML page printed by
 * Debian's Chromium in headless mode. No PDF library of our own, and no renderer → a clear
 * error that names what is missing (Markdown and HTML always work).
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../core/types.js';

export const DEFAULT_PDF_TIMEOUT_MS = 60_000;
const STDERR_TAIL_BYTES = 4_096;
const CHROMIUM_NAMES = ['chromium', 'chromium-browser'];

export interface PdfOptions {
  /** Path of the Chromium binary; default: findChromium(). */
  chromium?: string;
  timeoutMs?: number;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * $PRAXISWACHE_CHROMIUM when set (and only that), else /usr/bin/chromium (Debian's package),
 * else `chromium` / `chromium-browser` on PATH.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const chosen = env.PRAXISWACHE_CHROMIUM;
  if (chosen) return executable(chosen) ? chosen : undefined;
  if (executable('/usr/bin/chromium')) return '/usr/bin/chromium';
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of CHROMIUM_NAMES) if (executable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

export function requireChromium(env: NodeJS.ProcessEnv = process.env): string {
  const found = findChromium(env);
  if (!found) {
    throw new UsageError(
      `PDF output needs Chromium as its renderer, and none was found (looked for ${env.PRAXISWACHE_CHROMIUM ? `$PRAXISWACHE_CHROMIUM=${env.PRAXISWACHE_CHROMIUM}` : '/usr/bin/chromium and chromium on PATH'}; Debian: apt-get install chromium). ` +
        'Markdown and HTML are available without it: --format md or --format html.',
    );
  }
  return found;
}

/** Prints `html` to `outFile` (mode 0600, like every document with incident details); returns its size. */
export async function renderPdf(html: string, outFile: string, opts: PdfOptions = {}): Promise<number> {
  const chromium = opts.chromium ?? requireChromium();
  const dir = mkdtempSync(join(tmpdir(), 'praxiswache-pdf-'));
  try {
    const page = join(dir, 'notice.html');
    const pdf = join(dir, 'notice.pdf');
    writeFileSync(page, html, { mode: 0o600 });
    await runChromium(chromium, [
      '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-extensions', '--disable-dev-shm-usage',
      // The page is self-contained; refusing every host name keeps a stray URL from going out.
      '--host-resolver-rules=MAP * ~NOTFOUND',
      '--no-pdf-header-footer', `--user-data-dir=${join(dir, 'profile')}`, `--print-to-pdf=${pdf}`,
      pathToFileURL(page).href,
    ], opts.timeoutMs ?? DEFAULT_PDF_TIMEOUT_MS);
    let bytes: Buffer;
    try {
      bytes = readFileSync(pdf);
    } catch {
      throw new Error('Chromium finished without writing a PDF');
    }
    if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('Chromium wrote something that is not a PDF');
    writeFileSync(outFile, bytes, { mode: 0o600 });
    return bytes.length;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs Chromium in a process group of its own, so the time limit also ends its helpers. */
function runChromium(binary: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_TAIL_BYTES);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${binary}: ${err.message}`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      killGroup(child.pid); // helpers that outlived the browser process
      if (timedOut) reject(new Error(`Chromium did not finish the PDF within ${Math.round(timeoutMs / 1000)} s and was stopped`));
      else if (code !== 0) reject(new Error(`Chromium failed (${signal ?? `exit ${String(code)}`}): ${lastLines(stderr)}`));
      else resolve();
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // the group is gone already
  }
}

const lastLines = (text: string): string => text.trim().split('\n').slice(-3).join(' | ').slice(0, 500);
