import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UsageError, type ScanReport, type Severity } from '../../core/types.js';
import { formatReport, hasFindingAtOrAbove, REPORT_FORMATS, scanRecord, summaryRecord, type ReportFormat } from '../../report/index.js';
import { runScan, ScanFailedError } from '../../scan/index.js';
import { VERSION } from '../../core/version.js';
import { EXIT } from '../exit-codes.js';
import { duration, oneOf, parseSeverity, resolveLang, terminalWidth, useColor, wholeNumber } from '../options.js';
import { liveOutput } from '../scan-output.js';
import { exitQuietlyOnClosedStdout } from '../stdout.js';
import { parsePorts } from '../../targets/index.js';
import { AUTO_HOST_DISCOVERY_ABOVE, HOST_DISCOVERY_MODES, HOST_DISCOVERY_PORTS, type HostDiscoveryMode } from '../../discovery/live-hosts.js';

interface ScanFlags {
  ports?: string;
  portsOnly?: boolean;
  safe?: boolean;
  maxRate?: number;
  concurrency?: number;
  timeout?: number;
  retries?: number;
  hostDiscovery: HostDiscoveryMode;
  httpsPorts: string;
  format: ReportFormat;
  output?: string;
  failOn: string;
  lang?: string;
  color: boolean;
  quiet?: boolean;
}

const EXAMPLES = `
Targets:
  192.0.2.10                 one address (IPv4 or IPv6)
  192.0.2.0/24               a CIDR block (network and broadcast included)
  192.0.2.1-20               a last-octet range;  192.0.2.250-192.0.3.5  a full range
  praxis.example             a host name (every address it resolves to)
  @targets.txt               one target per line, # starts a comment
  Every target is checked before anything is sent; a bad one is named with file and line.

Ports (nmap syntax): -p 22,80,440-449   -p- (all 65535)   -p 1024-
  Without -p: nmap's top 1000 plus the ports practices expose (see: praxiswache ports).

Examples:
  praxiswache scan 192.0.2.10                          the practice router, default ports
  praxiswache scan 192.0.2.0/24 -p 440-449,443         Celle: the extra HTTPS ports
  praxiswache scan @praxen.txt --safe --lang de        no logins, German report
  praxiswache scan 192.0.2.10 --format json -o scan.json
  praxiswache scan 192.0.2.10 --format sarif -o praxiswache.sarif   for code-scanning dashboards
  praxiswache scan 192.0.2.10 -p- --ports-only         all ports, discovery only (like nmap -sT)
  praxiswache scan @region.txt --host-discovery always    many networks: silent addresses left out

Host discovery: above ${AUTO_HOST_DISCOVERY_ABOVE} addresses, only those that answer on ${HOST_DISCOVERY_PORTS.join(',')} are
port-scanned (the report says how many). A host that drops all of these but forwards another port
is then missed: --host-discovery never scans every address.

In CI (exit code 1 fails the job when something at or above --fail-on is found):
  praxiswache scan @scope.txt --format json -o scan.json --fail-on high -q

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 bad flags or targets
(nothing was sent), 3 runtime failure or an interrupted scan without such findings.
Ctrl-C stops the scan and still writes the partial report ("interrupted": true); a second
Ctrl-C quits at once (exit 130).
Scan only networks you are responsible for.`;

export function register(program: Command): void {
  program
    .command('scan')
    .summary('find open ports, identify services and prove exposures')
    .description('Scans the targets: open TCP ports, what speaks there, and the checks that prove an exposure.')
    .argument('<targets...>', 'addresses, CIDR blocks, ranges, host names or @file')
    .option('-p, --ports <ports>', 'ports in nmap syntax (default: curated practice set)')
    .option('--ports-only', 'stop after discovery: no identification, no checks')
    .option('--safe', 'skip intrusive checks (no logins, no data queries)')
    .option('--max-rate <n>', 'at most n connection attempts per second', wholeNumber('--max-rate', 1))
    .option('--concurrency <n>', 'at most n connection attempts at once', wholeNumber('--concurrency', 1))
    .option('--timeout <duration>', 'connect and read time limit, e.g. 800ms or 3s', duration('--timeout'))
    .option('--retries <n>', 're-tries for ports that stay silent (default 1)', wholeNumber('--retries', 0))
    .option(
      '--host-discovery <when>',
      `scan only addresses that answer on ${HOST_DISCOVERY_PORTS.join(',')} (open or refused): auto = for more than ${AUTO_HOST_DISCOVERY_ABOVE} addresses, always, or never (like nmap -Pn)`,
      oneOf('--host-discovery', HOST_DISCOVERY_MODES),
      'auto',
    )
    .option('--https-ports <ports>', 'ports where HTTPS is expected', '443,8443')
    .option('--format <format>', `output format: ${REPORT_FORMATS.join(', ')}`, oneOf('--format', REPORT_FORMATS), 'text')
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above: info, low, medium, high, critical, or none', 'high')
    .option('--lang <lang>', 'language of the report: de or en (default: from LANG)')
    .option('--no-color', 'no colours (also when NO_COLOR is set)')
    .option('-q, --quiet', 'no progress and no live results; only the report')
    .addHelpText('after', EXAMPLES)
    .action(async (targets: string[], flags: ScanFlags) => {
      process.exitCode = await scanCommand(targets, flags);
    });
}

async function scanCommand(targets: string[], flags: ScanFlags): Promise<number> {
  const lang = resolveLang(flags.lang);
  exitQuietlyOnClosedStdout();
  const failOn: Severity | 'none' = flags.failOn === 'none' ? 'none' : parseSeverity('--fail-on', flags.failOn);
  const expectedHttpsPorts = parseExpectedHttpsPorts(flags.httpsPorts);
  const toFile = flags.output !== undefined;
  const streamJsonl = flags.format === 'jsonl' && !toFile;
  const live = liveOutput({
    // Live lines go to stderr when the report is text, or when -o leaves the terminal free.
    mode: flags.quiet ? 'none' : streamJsonl ? 'jsonl' : flags.format === 'text' || toFile ? 'lines' : 'none',
    lang,
    color: useColor(process.stderr, flags.color),
    progress: !flags.quiet && process.stderr.isTTY === true,
    stdout: process.stdout,
    stderr: process.stderr,
  });
  const stop = new AbortController();
  const onSigint = (): void => {
    if (stop.signal.aborted) process.exit(130);
    stop.abort();
    live.note(lang === 'de' ? 'Abbruch … Teilbericht folgt (nochmal Strg-C: sofort beenden)' : 'Stopping … writing the partial report (Ctrl-C again to quit now)');
  };
  process.on('SIGINT', onSigint);
  if (streamJsonl && !flags.quiet) {
    process.stdout.write(scanRecord({ scanner: { name: 'praxiswache', version: VERSION }, startedAt: new Date().toISOString(), targets }));
  }

  let report: ScanReport;
  let exit: number | undefined;
  try {
    report = await runScan(
      {
        targets,
        ...(flags.ports !== undefined ? { ports: flags.ports } : {}),
        portsOnly: flags.portsOnly ?? false,
        safe: flags.safe ?? false,
        hostDiscovery: flags.hostDiscovery,
        lang,
        expectedHttpsPorts,
        signal: stop.signal,
        ...definedNumbers({ maxRate: flags.maxRate, concurrency: flags.concurrency, timeoutMs: flags.timeout, retries: flags.retries }),
      },
      live.events,
    );
  } catch (err) {
    if (!(err instanceof ScanFailedError)) throw err;
    live.note(`praxiswache: error: ${err.message}`);
    report = err.partial;
    exit = EXIT.runtime;
  } finally {
    live.stop();
    process.off('SIGINT', onSigint);
  }

  const rendered = streamJsonl && !flags.quiet ? summaryRecord(report) : formatReport(report, flags.format, { color: !toFile && useColor(process.stdout, flags.color), lang, width: toFile ? undefined : terminalWidth(process.stdout) });
  if (toFile) writeFileSync(flags.output!, rendered);
  else process.stdout.write(rendered);

  if (failOn !== 'none' && hasFindingAtOrAbove(report, failOn)) return EXIT.findings;
  return exit ?? (report.interrupted ? EXIT.runtime : EXIT.ok);
}

function parseExpectedHttpsPorts(spec: string): number[] {
  try {
    return parsePorts(spec);
  } catch (err) {
    throw new UsageError(`--https-ports: ${(err as Error).message}`);
  }
}

function definedNumbers(values: Record<string, number | undefined>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).filter((e): e is [string, number] => e[1] !== undefined));
}
