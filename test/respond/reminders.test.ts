/**
 * Art. 33 deadline reminders through the real alert channels (smtp-server over STARTTLS with
 * login, a signed webhook endpoint), on SQLite and PostgreSQL, with a fixed clock that walks
 * the 72 hours across the March DST switch.
 */
import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ScanReport } from '../../src/core/types.js';
import { ReminderLog } from '../../src/respond/reminder-log.js';
import type { ReminderPayload } from '../../src/respond/reminder-message.js';
import { currentStep } from '../../src/respond/reminder-plan.js';
import { IncidentService } from '../../src/respond/service.js';
import { openStore, type Store } from '../../src/store/index.js';
import type { Site } from '../../src/store/sites.js';
import { runIncidentReminders, type ReminderContext, type ReminderOutcome } from '../../src/watch/incident-reminders.js';
import { createNotifier } from '../../src/watch/notify.js';
import { runWatch } from '../../src/watch/watcher.js';
import { startSmtpReceiver, startWebhookReceiver, type SmtpReceiver, type WebhookReceiver } from '../watch/receivers.js';
import { RESPOND_BACKENDS, cli } from './cli-harness.js';

const SMTP_HOST = '127.16.1.1';
const HOOK_HOST = '127.16.2.1';
const SMTP_PASSWORD = 'reminder-smtp-pass';
const HOOK_SECRET = 'reminder-hook-secret';
const HOUR = 3_600_000;
/** Friday 10:00 CET; the clocks go forward on Sunday 30 March, so due is Monday 11:00 CEST. */
const AWARE = Date.parse('2025-03-28T09:00:00Z');
/** Details that must never appear in a reminder (they would be patient-related content). */
const SECRET_DETAILS = { subjectsApprox: 31337, recordCategories: ['Röntgenbefunde-XYZ'], nature: 'Befundserver-Freigabe-QWERTY' };

/** Quoted-printable mail → text with the soft line breaks removed. */
const mailText = (raw: string): string =>
  Buffer.from(raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');

describe.each(RESPOND_BACKENDS)('incident deadline reminders ($name)', (backend) => {
  let smtp: SmtpReceiver;
  let hook: WebhookReceiver;
  let store: Store;
  let stopDb: () => Promise<void>;
  let now: number;
  let log: string[];
  let ctx: ReminderContext;
  let service: IncidentService;

  // One database per back end; every test works on its own sites, so the tests stay independent.
  beforeAll(async () => {
    smtp = await startSmtpReceiver(SMTP_HOST, SMTP_PASSWORD);
    const db = await backend.start();
    stopDb = db.stop;
    store = await openStore(db.options);
  }, 60_000);
  afterAll(async () => {
    await store.close();
    await smtp.stop();
    await stopDb();
  });

  beforeEach(async () => {
    hook = await startWebhookReceiver(HOOK_HOST);
    now = AWARE;
    log = [];
    smtp.mails.length = 0;
    ctx = {
      store,
      notifier: createNotifier({
        smtp: { url: smtp.url, from: 'praxiswache@praxis.example', ca: smtp.ca, timeoutMs: 5_000 },
        webhook: { attempts: 2, backoffMs: 20, timeoutMs: 2_000 },
      }),
      now: () => new Date(now),
      log: (line) => log.push(line),
    };
    service = new IncidentService(store, { now: () => new Date(now) });
  });
  afterEach(() => hook.stop());

  const openIncident = (site: string, title: string): Promise<number> =>
    service.open({ site, title, discoveredAt: new Date(AWARE - HOUR), awareAt: new Date(AWARE), details: SECRET_DETAILS }, 'dsb');
  let sites: string[];
  const addSite = async (name: string, land: string, language: 'de' | 'en', contacts: Site['contacts']): Promise<Site> => {
    sites.push(name);
    return store.sites.add({ name, land, targets: ['127.16.3.1'], ports: '443', contacts, language, schedule: 'every 24h', remindAfterHours: 24 }, new Date(now));
  };
  beforeEach(() => {
    sites = [];
  });
  const remind = (opts: { dryRun?: boolean } = {}): Promise<ReminderOutcome[]> => runIncidentReminders(ctx, { ...opts, sites });
  const remindAt = async (hoursAfterAwareness: number): Promise<string[]> => {
    now = AWARE + hoursAfterAwareness * HOUR;
    return (await remind()).map((o) => `${o.incidentId}:${o.step}:${o.status}`);
  };

  it('sends each step once, at 24 h, 12 h and 2 h before due and when overdue, in German with the authority', async () => {
    await addSite('praxis-celle', 'NI', 'de', { emails: ['dsb@praxis.example'], webhooks: [{ url: hook.url, secret: HOOK_SECRET }] });
    const id = await openIncident('praxis-celle', 'Befundserver über Port 444 erreichbar');

    expect(await remindAt(1)).toEqual([]);
    expect(await remindAt(23.9)).toEqual([]);
    expect(await remindAt(24)).toEqual([`${id}:aware-24h:sent`]);
    expect(await remindAt(24)).toEqual([]);
    expect(await remindAt(30)).toEqual([]);
    expect(smtp.mails).toHaveLength(1);

    const first = mailText(smtp.mails[0]!.raw);
    expect(smtp.mails[0]).toMatchObject({ to: ['dsb@praxis.example'], user: 'praxis', secure: true });
    expect(first).toContain(`Vorfall: #${id} Befundserver über Port 444 erreichbar`);
    expect(first).toContain('Meldefrist (Europe/Berlin): 31.03.2025, 11:00 MESZ');
    expect(first).toContain('Verbleibend: noch 48 Std.');
    expect(first).toContain('Der Landesbeauftragte für den Datenschutz Niedersachsen');
    expect(first).toContain('navo.niedersachsen.de');
    expect(first).toContain(`praxiswache incident notice ${id} --to authority`);
    expect(first).toContain('Schweregrad bewerten'); // no assessment yet
    for (const secret of ['31337', 'Röntgenbefunde-XYZ', 'QWERTY']) expect(first).not.toContain(secret);

    const signed = hook.hooks[0]!;
    expect(signed.headers['x-praxiswache-event']).toBe('alert.incident-reminder');
    expect(signed.headers['x-praxiswache-signature']).toBe(`sha256=${createHmac('sha256', HOOK_SECRET).update(signed.body).digest('hex')}`);
    const payload = JSON.parse(signed.body) as ReminderPayload;
    expect(payload).toMatchObject({
      event: 'praxiswache.incident-reminder', step: 'aware-24h',
      incident: { id, site: 'praxis-celle', land: 'NI' },
      deadline: { due: '2025-03-31T11:00:00+02:00', hoursLeft: 48, overdue: false },
      authority: { shortName: 'LfD Niedersachsen' },
    });
    for (const secret of ['31337', 'XYZ', 'QWERTY']) expect(signed.body).not.toContain(secret);

    expect(await remindAt(60)).toEqual([`${id}:due-12h:sent`]);
    expect(mailText(smtp.mails.at(-1)!.raw)).toContain('noch 12 Std.');
    expect(await remindAt(70.5)).toEqual([`${id}:due-2h:sent`]);
    expect(mailText(smtp.mails.at(-1)!.raw)).toContain('noch 1,5 Std.');
    expect(await remindAt(71.9)).toEqual([]);
    expect(await remindAt(73)).toEqual([`${id}:overdue:sent`]);
    const overdue = mailText(smtp.mails.at(-1)!.raw);
    expect(overdue).toContain('überfällig seit 1 Std.');
    expect(overdue).toContain('--delay-reasons');
    expect(await remindAt(200)).toEqual([]);

    expect(smtp.mails).toHaveLength(4);
    expect(hook.hooks.map((h) => (JSON.parse(h.body) as ReminderPayload).step)).toEqual(['aware-24h', 'due-12h', 'due-2h', 'overdue']);
    const rows = await new ReminderLog(store).list(id);
    expect(rows.map((r) => [r.step, r.status, r.attempts])).toEqual([
      ['aware-24h', 'sent', 1], ['due-12h', 'sent', 1], ['due-2h', 'sent', 1], ['overdue', 'sent', 1],
    ]);
  });

  it('after downtime sends only the current step, in English for an English site; none once notified, closed or register-only', async () => {
    await addSite('practice-en', 'BY', 'en', { emails: [], webhooks: [{ url: hook.url, secret: HOOK_SECRET }] });
    const late = await openIncident('practice-en', 'Document listing open');
    const notified = await openIncident('practice-en', 'Notified in time');
    await service.update(notified, {
      details: { controller: 'Praxis', subjectCategories: ['patients'], recordsApprox: 10, contact: 'DPO', consequences: 'c', measures: 'm' },
      notifiedAuthorityAt: new Date(AWARE + 5 * HOUR),
    }, 'dsb');
    const closed = await openIncident('practice-en', 'Closed');
    await service.close(closed, 'dsb', new Date(AWARE + HOUR));
    const noRisk = await openIncident('practice-en', 'Encrypted backup lost');
    await service.update(noRisk, { details: { noRiskReasoning: 'strongly encrypted, key safe' } }, 'dsb');
    await service.assess(noRisk, { category: 'simple', ei: 0.25, confidentiality: 0, integrity: 0, availability: 0, malicious: false, adjustments: [], unintelligible: true }, 'dsb');

    expect(await remindAt(65)).toEqual([`${late}:due-12h:sent`]);
    const payload = JSON.parse(hook.hooks[0]!.body) as ReminderPayload;
    expect(payload.step).toBe('due-12h');
    expect(payload.nextSteps.join('\n')).toContain('https://www.lda.bayern.de/datenpanne');
    expect(payload.deadline).toMatchObject({ hoursLeft: 7, overdue: false });
    expect(smtp.mails).toHaveLength(0);
    expect(await remindAt(66)).toEqual([]);
  });

  it('a failed delivery is tried again after a pause; two processes at once still send one reminder', async () => {
    const flaky = await startWebhookReceiver(HOOK_HOST, { failFirst: 2 });
    try {
      await addSite('flaky', 'SH', 'en', { emails: [], webhooks: [{ url: flaky.url, secret: HOOK_SECRET }] });
      await addSite('twice', 'SH', 'de', { emails: ['it@praxis.example'], webhooks: [] });
      const a = await openIncident('flaky', 'Webhook down');
      expect(await remindAt(24)).toEqual([`${a}:aware-24h:failed`]);
      expect(log.join('\n')).toMatch(/NOT delivered[\s\S]*HTTP 503/);
      expect(await remindAt(24.1)).toEqual([]); // not on every tick
      expect(await remindAt(24.3)).toEqual([`${a}:aware-24h:sent`]);
      expect(flaky.hooks).toHaveLength(1);
      expect((await new ReminderLog(store).list(a)).map((r) => [r.status, r.attempts])).toEqual([['sent', 2]]);
      const hb = JSON.parse(flaky.hooks[0]!.body) as ReminderPayload;
      expect(hb.authority?.reportUrl).toBeNull(); // Schleswig-Holstein: no online form known, the text points to the website
      expect(hb.nextSteps.join('\n')).toContain('no online form known – see https://www.datenschutzzentrum.de/');

      const b = await openIncident('twice', 'Two reminder processes');
      now = AWARE + 24 * HOUR;
      const [one, two] = await Promise.all([remind(), remind()]);
      expect([...one, ...two].map((o) => `${o.incidentId}:${o.status}`)).toEqual([`${b}:sent`]);
      expect(smtp.mails).toHaveLength(1);
    } finally {
      await flaky.stop();
    }
  });

  it('--dry-run sends and records nothing; `watch --once` sends the due reminders after its rounds', async () => {
    await addSite('watched', 'NI', 'de', { emails: ['dsb@praxis.example'], webhooks: [{ url: hook.url, secret: HOOK_SECRET }] });
    const id = await openIncident('watched', 'Offene Freigabe');
    now = AWARE + 61 * HOUR;
    const dry = await remind({ dryRun: true });
    expect(dry.map((o) => [o.step, o.status, o.channels])).toEqual([['due-12h', 'would-send', ['email dsb@praxis.example', `webhook ${hook.url}`]]]);
    expect(dry[0]!.message.subject).toBe(`[praxiswache] Frist Art. 33: Meldung an LfD Niedersachsen bis 31.03.2025, 11:00 MESZ, noch 11 Std. (Vorfall #${id})`);
    expect(smtp.mails).toHaveLength(0);
    expect(await new ReminderLog(store).list(id)).toEqual([]);

    const empty: ScanReport = { scanner: { name: 'praxiswache', version: 'test' }, startedAt: new Date(now).toISOString(), finishedAt: new Date(now).toISOString(), targets: ['127.16.3.1'], interrupted: false, hosts: [], findings: [] };
    const summary = await runWatch({ ...ctx, scan: () => Promise.resolve(empty) }, { once: true, sites });
    expect(summary.rounds).toHaveLength(1);
    expect(summary.reminders.map((r) => [r.incidentId, r.step, r.status])).toEqual([[id, 'due-12h', 'sent']]);
    expect(smtp.mails).toHaveLength(1);
    expect((await runWatch({ ...ctx, scan: () => Promise.resolve(empty) }, { once: true, sites })).reminders).toEqual([]);
  });
});

describe('reminder steps', () => {
  it('are 24 h after awareness, 12 h and 2 h before the 72-hour deadline, and at it', () => {
    const aware = new Date(AWARE);
    expect(currentStep(aware, new Date(AWARE + 24 * HOUR - 1))).toBeUndefined();
    expect(currentStep(aware, new Date(AWARE + 24 * HOUR))).toBe('aware-24h');
    expect(currentStep(aware, new Date(AWARE + 60 * HOUR))).toBe('due-12h');
    expect(currentStep(aware, new Date(AWARE + 70 * HOUR))).toBe('due-2h');
    expect(currentStep(aware, new Date(AWARE + 72 * HOUR - 1))).toBe('due-2h');
    expect(currentStep(aware, new Date(AWARE + 72 * HOUR))).toBe('overdue');
  });
});

describe('praxiswache incident remind (CLI)', () => {
  it('--dry-run prints the message and sends nothing; --once sends the current step once', async () => {
    const db = await RESPOND_BACKENDS[0]!.start();
    const hook = await startWebhookReceiver(HOOK_HOST);
    try {
      const store = await openStore(db.options);
      await store.sites.add({ name: 'cron-site', land: 'BY', targets: ['127.16.3.1'], ports: '443', contacts: { emails: [], webhooks: [{ url: hook.url, secret: HOOK_SECRET }] }, language: 'en', schedule: 'every 24h', remindAfterHours: 24 });
      await store.close();
      const awareAt = new Date(Date.now() - 71 * HOUR).toISOString();
      const id = (await cli(['incident', 'open', ...db.args, '--author', 'dsb', '--site', 'cron-site', '--title', 'Open share', '--discovered-at', awareAt, '--aware-at', awareAt])).trim();

      const dry = await cli(['incident', 'remind', ...db.args, '--dry-run']);
      expect(dry).toContain(`incident #${id} (site cron-site): deadline reminder due-2h would be sent to webhook ${hook.url}`);
      expect(dry).toContain('Subject: [praxiswache] Art. 33 deadline: notify BayLDA by');
      expect(dry).toMatch(/^ {2}\| \d\. Notify the supervisory authority: https:\/\/www\.lda\.bayern\.de\/datenpanne$/m);
      expect(hook.attempts).toBe(0);

      expect(await cli(['incident', 'remind', ...db.args, '--once', '--webhook-attempts', '1'])).toBe(`incident #${id} (site cron-site): deadline reminder due-2h sent\n`);
      expect(await cli(['incident', 'remind', ...db.args, '--once'])).toBe('');
      expect(hook.hooks).toHaveLength(1);
    } finally {
      await hook.stop();
      await db.stop();
    }
  });
});
