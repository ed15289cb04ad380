import type { Command } from 'commander';
import { addStoreOptions, withStore } from '../../store/cli-options.js';
import type { StoreOptions } from '../../store/open.js';
import type { Site } from '../../store/sites.js';
import { maskSecret } from '../../store/mask.js';
import { LAENDER, siteInput, type RawSiteFlags } from '../../watch/site-input.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function describeSite(site: Site): string[] {
  return [
    `site ${site.name} (#${site.id}), Land ${site.land}, language ${site.language}`,
    `  targets:  ${site.targets.join(' ')}`,
    `  ports:    ${site.ports ?? 'default set (praxiswache ports)'}`,
    `  schedule: ${site.schedule}, reminder after ${site.remindAfterHours} h`,
    `  e-mail:   ${site.contacts.emails.join(', ') || '-'}`,
    ...site.contacts.webhooks.map((w) => `  webhook:  ${w.url} (secret ${maskSecret(w.secret)})`),
  ];
}

export function register(program: Command): void {
  const site = program.command('site').description('manage the practices (sites) that `praxiswache watch` scans');

  addStoreOptions(
    site
      .command('add <name>')
      .description('add a site: its scope, contacts, language and schedule')
      .requiredOption('--land <code>', `German Land, decides the supervisory authority (${LAENDER.join(' ')})`)
      .option('--targets <list>', 'addresses, ranges or names to scan (comma-separated, repeatable)', collect)
      .option('-p, --ports <spec>', 'ports in nmap syntax (default: the curated set of `praxiswache ports`)')
      .option('--email <address>', 'alert e-mail recipient (repeatable)', collect)
      .option('--webhook <url>', 'alert webhook, gets a signed JSON POST (repeatable)', collect)
      .option('--webhook-secret <secret>', 'HMAC key for the webhook signature, at least 12 characters (or $PRAXISWACHE_WEBHOOK_SECRET)')
      .option('--lang <de|en>', 'language of alerts', 'de')
      .option('--interval <duration>', 'scan every so often, e.g. 6h, 24h, 7d (default 24h)')
      .option('--cron <expression>', 'scan on a cron schedule instead, e.g. "0 3 * * *"')
      .option('--remind-after <duration>', 'repeat an alert that is still open after this long', '7d'),
  ).action(async (name: string, flags: RawSiteFlags & StoreOptions) => {
    const input = siteInput(name, flags);
    await withStore(flags, async (store) => {
      const created = await store.sites.add(input);
      process.stdout.write(describeSite(created).join('\n') + '\n');
    });
  });

  addStoreOptions(site.command('list').description('list sites'))
    .option('--json', 'machine-readable output')
    .action(async (flags: StoreOptions & { json?: boolean }) => {
      await withStore(flags, async (store) => {
        const sites = await store.sites.list();
        if (flags.json) {
          const safe = sites.map((s) => ({ ...s, contacts: { ...s.contacts, webhooks: s.contacts.webhooks.map((w) => ({ url: w.url, secret: maskSecret(w.secret) })) } }));
          process.stdout.write(JSON.stringify(safe, null, 2) + '\n');
          return;
        }
        if (!sites.length) process.stdout.write('no sites yet: praxiswache site add NAME --land NI --targets ADDRESS\n');
        for (const s of sites) process.stdout.write(`${s.name}\t${s.land}\t${s.schedule}\t${s.targets.join(' ')}\n`);
      });
    });

  addStoreOptions(site.command('show <site>').description('show a site with its baseline, last scans and open deviations')).action(
    async (name: string, flags: StoreOptions) => {
      await withStore(flags, async (store) => {
        const s = await store.sites.require(name);
        const lines = describeSite(s);
        const baseline = await store.baselines.current(s.id);
        lines.push(`  baseline: ${baseline ? `scan ${baseline.scan_id}, approved ${baseline.approved_at} by ${baseline.approved_by}` : 'none approved yet'}`);
        for (const scan of await store.scans.list({ siteId: s.id, limit: 5 })) {
          lines.push(`  scan ${scan.id}: ${scan.status}, ${scan.started_at}, ${scan.port_count} open port(s), ${scan.finding_count} finding(s)`);
        }
        const open = await store.alerts.openItems(s.id);
        lines.push(`  open deviations: ${open.length}`);
        for (const item of open) lines.push(`    ${item.key} since ${item.openedAt}`);
        process.stdout.write(lines.join('\n') + '\n');
      });
    },
  );

  addStoreOptions(site.command('remove <site>').description('remove a site (its scans and findings stay, without the site)')).action(
    async (name: string, flags: StoreOptions) => {
      await withStore(flags, async (store) => {
        const removed = await store.sites.remove(name);
        process.stdout.write(`removed site ${removed.name}\n`);
      });
    },
  );
}
