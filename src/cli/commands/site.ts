import type { Command } from 'commander';
import { addStoreOptions, withStore } from '../../store/cli-options.js';
import type { StoreOptions } from '../../store/open.js';
import type { Site } from '../../store/sites.js';
import { maskSecret } from '../../store/mask.js';
import { LAENDER, siteInput, type RawSiteFlags } from '../../watch/site-input.js';
import type { Lang } from '../../core/types.js';
import { pick } from '../../respond/text.js';
import { addFormatOptions, LANG_HELP, outputFormat, resolveLang } from '../options.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** A site as JSON: webhook secrets masked like everywhere else. */
function siteJson(s: Site): Site {
  return { ...s, contacts: { ...s.contacts, webhooks: s.contacts.webhooks.map((w) => ({ url: w.url, secret: maskSecret(w.secret) })) } };
}

function describeSite(site: Site, lang: Lang): string[] {
  const t = (de: string, en: string): string => pick(lang, de, en);
  return [
    t(`Standort ${site.name} (#${site.id}), Land ${site.land}, Sprache der Meldungen ${site.language}`, `site ${site.name} (#${site.id}), Land ${site.land}, language ${site.language}`),
    `  ${t('Ziele:    ', 'targets:  ')}${site.targets.join(' ')}`,
    `  ${t('Ports:    ', 'ports:    ')}${site.ports ?? t('Standardauswahl (praxiswache ports)', 'default set (praxiswache ports)')}`,
    `  ${t('Zeitplan: ', 'schedule: ')}${site.schedule}, ${t(`Erinnerung nach ${site.remindAfterHours} Std.`, `reminder after ${site.remindAfterHours} h`)}`,
    `  ${t('E-Mail:   ', 'e-mail:   ')}${site.contacts.emails.join(', ') || '-'}`,
    ...site.contacts.webhooks.map((w) => `  webhook:  ${w.url} (${t('Schlüssel', 'secret')} ${maskSecret(w.secret)})`),
  ];
}

type ScreenFlags = StoreOptions & { json?: boolean; format?: string; lang?: string };

export function register(program: Command): void {
  const site = program.command('site').description('manage the practices (sites) that `praxiswache watch` scans');

  addStoreOptions(
    site
      .command('add <name>')
      .description('add a site: its scope, contacts, language and schedule')
      .requiredOption('--land <code>', `German Land, decides the supervisory authority (${LAENDER.join(' ')})`)
      .option('--targets <list>', 'required: addresses, ranges or names to scan (comma-separated, repeatable)', collect)
      .option('-p, --ports <spec>', 'ports in nmap syntax (default: the curated set of `praxiswache ports`)')
      .option('--email <address>', 'alert e-mail recipient (repeatable)', collect)
      .option('--webhook <url>', 'alert webhook, gets a signed JSON POST (repeatable)', collect)
      .option('--webhook-secret <secret>', 'HMAC key for the webhook signature, at least 12 characters (or $PRAXISWACHE_WEBHOOK_SECRET)')
      .option('--lang <de|en>', 'language of alerts (the confirmation printed here follows the locale)', 'de')
      .option('--interval <duration>', 'scan every so often, e.g. 6h, 24h, 7d (default 24h)')
      .option('--cron <expression>', 'scan on a cron schedule instead, e.g. "0 3 * * *"')
      .option('--remind-after <duration>', 'repeat an alert that is still open after this long', '7d')
      .addHelpText(
        'after',
        '\nExamples:\n' +
          '  praxiswache site add praxis-celle --land NI --targets 203.0.113.7 --email it@praxis.example\n' +
          '  praxiswache site add mvz-nord --land HH --targets 198.51.100.0/29,praxis.example -p 22,443,440-449 \\\n' +
          '      --webhook https://ticket.example/hooks/praxiswache --lang en --cron "0 3 * * *"\n',
      ),
  ).action(async (name: string, flags: RawSiteFlags & StoreOptions) => {
    const input = siteInput(name, flags);
    // --lang here is the language of the site's alerts, so the screen follows the locale.
    const screen = resolveLang(undefined);
    await withStore(flags, async (store) => {
      const created = await store.sites.add(input);
      process.stdout.write(describeSite(created, screen).join('\n') + '\n');
    });
  });

  addFormatOptions(addStoreOptions(site.command('list').description('list sites (name, Land, schedule, targets)')))
    .option('--lang <de|en>', LANG_HELP)
    .action(async (flags: ScreenFlags) => {
      const format = outputFormat(flags);
      const lang = resolveLang(flags.lang);
      await withStore(flags, async (store) => {
        const sites = await store.sites.list();
        if (format === 'json') {
          process.stdout.write(JSON.stringify(sites.map(siteJson), null, 2) + '\n');
          return;
        }
        if (!sites.length) {
          process.stdout.write(pick(lang, 'noch keine Standorte: praxiswache site add NAME --land NI --targets ADRESSE\n', 'no sites yet: praxiswache site add NAME --land NI --targets ADDRESS\n'));
        }
        for (const s of sites) process.stdout.write(`${s.name}\t${s.land}\t${s.schedule}\t${s.targets.join(' ')}\n`);
      });
    });

  addFormatOptions(addStoreOptions(site.command('show <site>').description('show a site with its baseline, last scans and open deviations')))
    .option('--lang <de|en>', LANG_HELP)
    .action(async (name: string, flags: ScreenFlags) => {
      const format = outputFormat(flags);
      const lang = resolveLang(flags.lang);
      const t = (de: string, en: string): string => pick(lang, de, en);
      await withStore(flags, async (store) => {
        const s = await store.sites.require(name);
        const baseline = await store.baselines.current(s.id);
        const scans = await store.scans.list({ siteId: s.id, limit: 5 });
        const open = await store.alerts.openItems(s.id);
        if (format === 'json') {
          const json = { site: siteJson(s), baseline: baseline ?? null, scans, openDeviations: open };
          process.stdout.write(JSON.stringify(json, null, 2) + '\n');
          return;
        }
        const lines = describeSite(s, lang);
        const approvedText = baseline
          ? t(`Scan ${baseline.scan_id}, freigegeben ${baseline.approved_at} von ${baseline.approved_by}`, `scan ${baseline.scan_id}, approved ${baseline.approved_at} by ${baseline.approved_by}`)
          : t('noch keine freigegeben', 'none approved yet');
        lines.push(`  ${t('Baseline', 'baseline')}: ${approvedText}`);
        for (const scan of scans) {
          lines.push(t(
            `  Scan ${scan.id}: ${scan.status}, ${scan.started_at}, ${scan.port_count} offene(r) Port(s), ${scan.finding_count} Befund(e)`,
            `  scan ${scan.id}: ${scan.status}, ${scan.started_at}, ${scan.port_count} open port(s), ${scan.finding_count} finding(s)`,
          ));
        }
        lines.push(`  ${t('offene Abweichungen', 'open deviations')}: ${open.length}`);
        for (const item of open) lines.push(`    ${item.key} ${t('seit', 'since')} ${item.openedAt}`);
        process.stdout.write(lines.join('\n') + '\n');
      });
    });

  addStoreOptions(site.command('remove <site>').description('remove a site (its scans and findings stay, without the site)'))
    .option('--lang <de|en>', LANG_HELP)
    .action(async (name: string, flags: StoreOptions & { lang?: string }) => {
      const lang = resolveLang(flags.lang);
      await withStore(flags, async (store) => {
        const removed = await store.sites.remove(name);
        process.stdout.write(pick(lang, `Standort ${removed.name} entfernt\n`, `removed site ${removed.name}\n`));
      });
    });
}
