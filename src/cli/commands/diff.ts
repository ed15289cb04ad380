import type { Command } from 'commander';
import { UsageError } from '../../core/types.js';
import { addStoreOptions, withStore } from '../../store/cli-options.js';
import type { StoreOptions } from '../../store/open.js';
import type { Store } from '../../store/store.js';
import { diffIsEmpty, diffSnapshots } from '../../watch/diff.js';
import { formatDiffText } from '../../watch/diff-format.js';
import { EXIT } from '../exit-codes.js';
import { addFormatOptions, LANG_HELP, outputFormat, resolveLang } from '../options.js';

interface DiffFlags extends StoreOptions {
  site?: string;
  lang?: string;
  format?: string;
  json?: boolean;
}

function scanId(text: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`"${text}" is not a scan id: scan ids are numbers (see: praxiswache site show SITE)`);
  return Number(text);
}

/** Which two scans: both given; one given (→ the latest finished scan of its site); none (→ the site's last two). */
async function chooseScans(store: Store, a: string | undefined, b: string | undefined, siteName: string | undefined): Promise<[number, number]> {
  if (a && b) return [scanId(a), scanId(b)];
  if (a) {
    const from = await store.scans.get(scanId(a));
    if (!from) throw new UsageError(`no scan ${a}`);
    const [latest] = await store.scans.list({ ...(from.site_id !== null ? { siteId: from.site_id } : {}), status: 'finished', limit: 1 });
    if (!latest || latest.id === from.id) throw new UsageError(`no later finished scan to compare scan ${a} with (give two scan ids)`);
    return [from.id, latest.id];
  }
  const sites = await store.sites.list();
  const site = siteName ? await store.sites.require(siteName) : sites.length === 1 ? sites[0] : undefined;
  if (!site) {
    throw new UsageError(sites.length === 0 ? 'no sites yet, so nothing to compare: praxiswache site add NAME --land NI --targets ADDRESS' : 'name the site (--site NAME) or two scan ids');
  }
  const [newer, older] = await store.scans.list({ siteId: site.id, status: 'finished', limit: 2 });
  if (!newer || !older) {
    throw new UsageError(`site ${site.name} has fewer than two finished scans: the next one comes with praxiswache watch --once ${site.name}`);
  }
  return [older.id, newer.id];
}

export function register(program: Command): void {
  addStoreOptions(
    addFormatOptions(
      program
        .command('diff [scanA] [scanB]')
        .description('what changed between two scans: ports opened/closed, services changed, findings new/resolved/severity')
        .option('--site <name>', 'without scan ids: compare the last two finished scans of this site (the only site when there is one)')
        .option('--lang <de|en>', `language of the text output: ${LANG_HELP}`),
    ).addHelpText(
      'after',
      '\nExamples:\n' +
        '  praxiswache diff --site praxis-celle      last two finished scans of the site\n' +
        '  praxiswache diff 12 15                    scan 12 against scan 15\n' +
        '  praxiswache diff 12                       scan 12 against the latest finished scan of its site\n' +
        '\nLines start with + (opened, new), - (closed, resolved) or ~ (service or severity changed).\n' +
        'Exit codes: 0 nothing changed, 1 something did, 2 bad input (unknown site or scan), 3 runtime failure.\n',
    ),
  ).action(async (a: string | undefined, b: string | undefined, flags: DiffFlags) => {
    const format = outputFormat(flags);
    const lang = resolveLang(flags.lang);
    await withStore(flags, async (store) => {
      const [fromId, toId] = await chooseScans(store, a, b, flags.site);
      const [from, to] = await Promise.all([store.snapshot(fromId), store.snapshot(toId)]);
      if (!from) throw new UsageError(`no scan ${fromId}`);
      if (!to) throw new UsageError(`no scan ${toId}`);
      const d = diffSnapshots(from, to);
      process.stdout.write(format === 'json' ? JSON.stringify(d, null, 2) + '\n' : formatDiffText(d, lang));
      if (!diffIsEmpty(d)) process.exitCode = EXIT.findings;
    });
  });
}
