/**
 * The deadline reminder as e-mail text and webhook payload, in the site's language. Built only
 * from the incident's title, times, decision, the names of missing notice items and the
 * authority: never details, findings' evidence or counts, so no patient data leaves the store.
 */
import type { Lang } from '../core/types.js';
import { authorityFor, type Authority } from './authorities.js';
import { formatBerlin } from './berlin-time.js';
import type { Incident } from './model.js';
import { art33Missing } from './notice-art33.js';
import type { ReminderStep } from './reminder-plan.js';

export interface ReminderPayload {
  event: 'praxiswache.incident-reminder';
  step: ReminderStep;
  sentAt: string;
  incident: { id: number; title: string; site: string | null; land: string | null };
  deadline: { awareAt: string; due: string; hoursLeft: number; overdue: boolean };
  decision: string;
  /** Keys of the Art. 33(3) items still missing (as in `incident show --format json`). */
  noticeMissing: string[];
  authority: { name: string; shortName: string; website: string; reportUrl: string | null } | null;
  nextSteps: string[];
}

export interface ReminderMessage {
  /** Webhook event `alert.incident-reminder` through the watch notifier. */
  kind: 'incident-reminder';
  step: ReminderStep;
  subject: string;
  text: string;
  payload: ReminderPayload;
}

const hours = (h: number, lang: Lang): string => Math.abs(h).toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 1 });

const T = {
  de: {
    subject: (id: number, who: string, due: string, h: number, overdue: boolean) =>
      overdue
        ? `[praxiswache] ÜBERFÄLLIG: Meldung an ${who} war fällig am ${due} (Vorfall #${id})`
        : `[praxiswache] Frist Art. 33: Meldung an ${who} bis ${due}, noch ${hours(h, 'de')} Std. (Vorfall #${id})`,
    intro: {
      'aware-24h': 'Seit 24 Stunden ist die Praxis über diese Datenschutzverletzung im Bilde. Eine Meldung an die Aufsichtsbehörde ist noch nicht erfasst.',
      'due-12h': 'In 12 Stunden endet die 72-Stunden-Frist für die Meldung an die Aufsichtsbehörde (Art. 33 Abs. 1 DSGVO). Die Meldung ist noch nicht erfasst.',
      'due-2h': 'In 2 Stunden endet die 72-Stunden-Frist für die Meldung an die Aufsichtsbehörde (Art. 33 Abs. 1 DSGVO). Die Meldung ist noch nicht erfasst.',
      overdue: 'Die 72-Stunden-Frist ist abgelaufen und die Meldung an die Aufsichtsbehörde ist nicht erfasst. Melden Sie trotzdem sofort und nennen Sie die Gründe für die Verzögerung (Art. 33 Abs. 1 Satz 2 DSGVO).',
    },
    incident: 'Vorfall',
    site: 'Praxis',
    aware: 'Kenntnis seit',
    due: 'Meldefrist (Europe/Berlin)',
    left: (h: number, overdue: boolean) => (overdue ? `überfällig seit ${hours(h, 'de')} Std.` : `noch ${hours(h, 'de')} Std.`),
    remaining: 'Verbleibend',
    authority: 'Zuständige Aufsichtsbehörde',
    report: 'Meldung online',
    noReportPage: (web: string) => `kein Online-Formular bekannt – Meldeweg auf ${web}`,
    noLand: 'unbekannt – Bundesland der Praxis angeben',
    todo: 'Was jetzt zu tun ist',
    assess: (id: number) => `Schweregrad bewerten: praxiswache incident assess ${id} --dpc … --ei …`,
    fill: (id: number, items: string) => `Fehlende Angaben der Meldung ergänzen (praxiswache incident update ${id} …): ${items}`,
    notice: (id: number) => `Meldung erzeugen: praxiswache incident notice ${id} --to authority --lang de --format html --mark-ready`,
    send: (where: string) => `Bei der Aufsichtsbehörde melden: ${where}`,
    record: (id: number, late: boolean) =>
      `Meldung festhalten: praxiswache incident update ${id} --notified-authority-at <Zeitpunkt>${late ? ' --delay-reasons "…"' : ''}`,
    patients: (id: number) => `Hohes Risiko: auch die Patienten informieren (Art. 34): praxiswache incident notice ${id} --to patients`,
    footer: 'Diese Nachricht enthält keine Patientendaten. Sie ist eine Erinnerung an die gesetzliche Frist, keine Rechtsberatung.',
  },
  en: {
    subject: (id: number, who: string, due: string, h: number, overdue: boolean) =>
      overdue
        ? `[praxiswache] OVERDUE: notification to ${who} was due ${due} (incident #${id})`
        : `[praxiswache] Art. 33 deadline: notify ${who} by ${due}, ${hours(h, 'en')} h left (incident #${id})`,
    intro: {
      'aware-24h': 'The practice became aware of this personal data breach 24 hours ago. No notification to the supervisory authority is recorded yet.',
      'due-12h': 'The 72-hour deadline for notifying the supervisory authority (GDPR Art. 33(1)) ends in 12 hours. No notification is recorded yet.',
      'due-2h': 'The 72-hour deadline for notifying the supervisory authority (GDPR Art. 33(1)) ends in 2 hours. No notification is recorded yet.',
      overdue: 'The 72-hour deadline has passed and no notification to the supervisory authority is recorded. Notify now all the same, giving the reasons for the delay (GDPR Art. 33(1), second sentence).',
    },
    incident: 'Incident',
    site: 'Practice',
    aware: 'Aware since',
    due: 'Notification due (Europe/Berlin)',
    left: (h: number, overdue: boolean) => (overdue ? `overdue by ${hours(h, 'en')} h` : `${hours(h, 'en')} h left`),
    remaining: 'Remaining',
    authority: 'Competent supervisory authority',
    report: 'Report online',
    noReportPage: (web: string) => `no online form known – see ${web} for how to report`,
    noLand: "unknown – set the practice's Land",
    todo: 'What to do now',
    assess: (id: number) => `Assess the severity: praxiswache incident assess ${id} --dpc … --ei …`,
    fill: (id: number, items: string) => `Complete the notice (praxiswache incident update ${id} …): ${items}`,
    notice: (id: number) => `Generate the notice: praxiswache incident notice ${id} --to authority --lang en --format html --mark-ready`,
    send: (where: string) => `Notify the supervisory authority: ${where}`,
    record: (id: number, late: boolean) =>
      `Record the notification: praxiswache incident update ${id} --notified-authority-at <time>${late ? ' --delay-reasons "…"' : ''}`,
    patients: (id: number) => `High risk: inform the patients as well (Art. 34): praxiswache incident notice ${id} --to patients`,
    footer: 'This message contains no patient data. It is a reminder of the legal deadline, not legal advice.',
  },
} as const;

function authorityOf(incident: Incident): Authority | null {
  if (!incident.land) return null;
  try {
    return authorityFor(incident.land);
  } catch {
    return null; // a site with a Land code the authority file does not know: say so, do not fail the reminder
  }
}

function nextSteps(incident: Incident, authority: Authority | null, lang: Lang): string[] {
  const t = T[lang];
  const steps: string[] = [];
  if (incident.decision.action === 'pending') steps.push(t.assess(incident.id));
  const missing = art33Missing(incident);
  if (missing.length) steps.push(t.fill(incident.id, missing.map((m) => m.label[lang]).join('; ')));
  steps.push(t.notice(incident.id));
  steps.push(t.send(authority ? (authority.breachReportUrl ?? t.noReportPage(authority.website)) : t.noLand));
  steps.push(t.record(incident.id, incident.deadline?.overdue === true));
  if (incident.decision.action === 'notify-authority-and-patients') steps.push(t.patients(incident.id));
  return steps;
}

/** The reminder for `incident` at `step`; the incident must be aware (needsReminder). */
export function buildReminderMessage(incident: Incident, step: ReminderStep, lang: Lang, now: Date): ReminderMessage {
  const deadline = incident.deadline;
  const awareAt = incident.timeline.awareAt;
  if (!deadline || !awareAt) throw new Error(`incident ${incident.id} has no awareness time: nothing to remind of`);
  const t = T[lang];
  const authority = authorityOf(incident);
  const steps = nextSteps(incident, authority, lang);
  const who = authority?.shortName ?? t.noLand;
  const rows: [string, string][] = [
    [t.incident, `#${incident.id} ${incident.title}`],
    ...(incident.siteName ? [[t.site, incident.siteName] as [string, string]] : []),
    [t.aware, formatBerlin(new Date(awareAt), lang)],
    [t.due, deadline.display[lang]],
    [t.remaining, t.left(deadline.hoursLeft, deadline.overdue)],
    [t.authority, authority ? `${authority.name} (${authority.shortName})` : t.noLand],
    ...(authority ? [[t.report, authority.breachReportUrl ?? t.noReportPage(authority.website)] as [string, string]] : []),
  ];
  const text = [
    t.intro[step],
    '',
    ...rows.map(([k, v]) => `${k}: ${v}`),
    '',
    `${t.todo}:`,
    ...steps.map((s, i) => `${i + 1}. ${s}`),
    '',
    t.footer,
    '',
  ].join('\n');
  return {
    kind: 'incident-reminder',
    step,
    subject: t.subject(incident.id, who, deadline.display[lang], deadline.hoursLeft, deadline.overdue),
    text,
    payload: {
      event: 'praxiswache.incident-reminder',
      step,
      sentAt: now.toISOString(),
      incident: { id: incident.id, title: incident.title, site: incident.siteName, land: incident.land },
      deadline: { awareAt, due: deadline.due, hoursLeft: deadline.hoursLeft, overdue: deadline.overdue },
      decision: incident.decision.action,
      noticeMissing: art33Missing(incident).map((m) => m.key),
      authority: authority
        ? { name: authority.name, shortName: authority.shortName, website: authority.website, reportUrl: authority.breachReportUrl }
        : null,
      nextSteps: steps,
    },
  };
}
