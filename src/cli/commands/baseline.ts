import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { UsageError } from '../../core/types.js';
import { addStoreOptions, withStore } from '../../store/cli-options.js';
import type { StoreOptions } from '../../store/open.js';
import { approveBaseline } from '../../watch/approve.js';
import { deviationsFromBaseline } from '../../watch/deviations.js';
import { pick } from '../../respond/text.js';
import { LANG_HELP, resolveLang } from '../options.js';

export function register(program: Command): void {
  const baseline = program
    .command('baseline')
    .description('the state a practice approved as normal; `watch` alerts on anything beyond it, even a new port without a finding');

  addStoreOptions(
    baseline
      .command('approve <site>')
      .description("approve a scan as the site's normal state (default: its latest finished scan)")
      .option('--scan <id>', 'approve this scan instead of the latest')
      .option('--by <name>', 'who approves (default: the current user)')
      .option('--note <text>', 'why, e.g. "443 is the portal, login required"')
      .option('--lang <de|en>', LANG_HELP)
      .addHelpText('after', '\nExample:\n  praxiswache baseline approve praxis-celle --note "443: document portal with login"\n'),
  ).action(async (siteName: string, flags: StoreOptions & { scan?: string; by?: string; note?: string; lang?: string }) => {
    const lang = resolveLang(flags.lang);
    await withStore(flags, async (store) => {
      const site = await store.sites.require(siteName);
      let scanId: number;
      if (flags.scan !== undefined) {
        if (!/^\d+$/.test(flags.scan)) throw new UsageError(`--scan must be a scan id (a number, see: praxiswache site show ${site.name}), not "${flags.scan}"`);
        scanId = Number(flags.scan);
      } else {
        const [latest] = await store.scans.list({ siteId: site.id, status: 'finished', limit: 1 });
        if (!latest) throw new UsageError(`site ${site.name} has no finished scan yet: praxiswache watch --once ${site.name}`);
        scanId = latest.id;
      }
      const { baseline: row, accepted } = await approveBaseline(store, site, scanId, flags.by ?? userInfo().username, flags.note ?? null);
      const snap = await store.snapshot(scanId);
      const ports = snap?.ports.length ?? 0;
      const findings = snap?.findings.length ?? 0;
      process.stdout.write(
        pick(
          lang,
          `Scan ${scanId} als Baseline von ${site.name} freigegeben (${ports} offene(r) Port(s), ${findings} Befund(e)) um ${row.approved_at}\n`,
          `approved scan ${scanId} as baseline of ${site.name} (${ports} open port(s), ${findings} finding(s)) at ${row.approved_at}\n`,
        ) +
          (accepted ? pick(lang, `${accepted} offene Abweichung(en) damit akzeptiert und geschlossen\n`, `${accepted} open deviation(s) are now accepted and closed\n`) : ''),
      );
    });
  });

  addStoreOptions(baseline.command('show <site>').description('the approved baseline and what the latest scan shows beyond it'))
    .option('--lang <de|en>', LANG_HELP)
    .action(async (siteName: string, flags: StoreOptions & { lang?: string }) => {
      const t = (de: string, en: string): string => pick(resolveLang(flags.lang), de, en);
      await withStore(flags, async (store) => {
        const site = await store.sites.require(siteName);
        const row = await store.baselines.current(site.id);
        const approved = row ? await store.snapshot(row.scan_id) : undefined;
        const note = row?.note ? ` (${row.note})` : '';
        const lines = [
          row
            ? t(`Baseline von ${site.name}: Scan ${row.scan_id}, freigegeben ${row.approved_at} von ${row.approved_by}${note}`, `baseline of ${site.name}: scan ${row.scan_id}, approved ${row.approved_at} by ${row.approved_by}${note}`)
            : t(`${site.name}: keine Baseline freigegeben`, `${site.name}: no baseline approved`),
        ];
        for (const p of approved?.ports ?? []) lines.push(`  ${t('Port', 'port')} ${p.host}:${p.port} ${p.service.name}${p.service.tls ? ' tls' : ''}`);
        for (const f of approved?.findings ?? []) lines.push(`  ${t('Befund', 'finding')} #${f.findingId} [${f.severity}] ${f.checkId} ${f.host}:${f.port}`);
        const [latest] = await store.scans.list({ siteId: site.id, limit: 1 });
        const current = latest ? await store.snapshot(latest.id) : undefined;
        if (current) {
          const beyond = deviationsFromBaseline(approved, current);
          lines.push(t(
            `letzter Scan ${current.scan.id} (${current.scan.status}): ${beyond.length} Abweichung(en)`,
            `latest scan ${current.scan.id} (${current.scan.status}): ${beyond.length} deviation(s)`,
          ));
          for (const d of beyond) lines.push(`  ${d.kind} ${d.host}:${d.port}${d.findingId ? ` ${t('Befund', 'finding')} #${d.findingId} ${d.checkId ?? ''}` : ''}`);
        }
        process.stdout.write(lines.join('\n') + '\n');
      });
    });
}
