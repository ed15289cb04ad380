/**
 * Alert texts in German and English: what changed, why it matters, what to do, with finding
 * ids. Built only from ports, service names, check ids, severities and titles: never evidence,
 * so no patient data (not even masked) can reach a mailbox or a webhook.
 */
import { findCheck } from '../checks/index.js';
import type { Lang } from '../core/types.js';
import type { AlertItem, AlertKind } from '../store/alerts.js';
import type { Site } from '../store/sites.js';
import type { Deviation } from './deviations.js';

export interface AlertMessage {
  kind: AlertKind;
  subject: string;
  text: string;
  payload: AlertPayload;
}

export interface AlertPayload {
  event: 'praxiswache.alert';
  kind: AlertKind;
  site: { name: string; land: string };
  scanId: number;
  sentAt: string;
  items: (Deviation & { alertItemId: number; openedAt: string })[];
  findingIds: number[];
}

const T = {
  de: {
    subject: {
      change: (site: string, n: number) => `[praxiswache] ${site}: ${n} neue Abweichung${n === 1 ? '' : 'en'} von der Freigabe`,
      reminder: (site: string, n: number) => `[praxiswache] Erinnerung ${site}: ${n} Abweichung${n === 1 ? '' : 'en'} weiterhin offen`,
      'all-clear': (site: string, n: number) => `[praxiswache] Entwarnung ${site}: ${n} Abweichung${n === 1 ? '' : 'en'} behoben`,
    },
    intro: {
      change: 'Der letzte Scan zeigt Änderungen gegenüber dem freigegebenen Stand (Baseline):',
      reminder: 'Diese Abweichungen vom freigegebenen Stand bestehen weiterhin:',
      'all-clear': 'Diese Abweichungen sind im letzten vollständigen Scan nicht mehr zu sehen:',
    },
    noBaseline: (site: string) =>
      `Für diese Praxis ist noch kein Normalzustand freigegeben, daher zählt alles Gefundene als Abweichung. Freigeben: praxiswache baseline approve ${site}`,
    severity: { info: 'Info', low: 'niedrig', medium: 'mittel', high: 'hoch', critical: 'kritisch' },
    what: 'Was sich geändert hat',
    why: 'Warum das wichtig ist',
    todo: 'Was zu tun ist',
    portOpened: (p: string, svc: string) => `Neuer offener Port ${p} (${svc}), nicht in der Freigabe`,
    serviceChanged: (p: string, before: string, after: string) => `Dienst auf ${p} geändert: ${before} → ${after}`,
    findingNew: (id: number, sev: string, check: string, p: string, title: string) => `Befund #${id} [${sev}] ${check} auf ${p}: ${title}`,
    findingWorse: (id: number, sev: string, check: string, p: string, title: string) => `Befund #${id} jetzt [${sev}] ${check} auf ${p}: ${title}`,
    personal: '   → kann Patientendaten offenlegen',
    whyPorts:
      'Jeder neue offene Port ist eine neue Tür ins Praxisnetz. In Celle (2019) öffnete ein Firmware-Update des Routers die Ports 440–449 erneut; darüber waren Befunde von rund 30.000 Patienten erreichbar.',
    whyFinding: 'Mit dem Befund ist nachgewiesen, dass über diesen Dienst Daten ohne Anmeldung erreichbar sind.',
    whyAllClear: 'Die Abweichungen sind verschwunden. Prüfen Sie trotzdem, ob in der Zwischenzeit jemand zugegriffen hat (Zugriffsprotokolle).',
    todoPorts: 'Portweiterleitungen und Firewall des Routers prüfen und nicht benötigte Ports schließen.',
    todoApprove: (site: string) => `Ist die Änderung gewollt, den neuen Stand freigeben: praxiswache baseline approve ${site}`,
    todoGdpr:
      'Waren Patientendaten erreichbar, läuft ab Kenntnis die 72-Stunden-Frist nach Art. 33 DSGVO: praxiswache incident hilft bei Bewertung und Meldung.',
    todoDiff: (site: string) => `Einzelheiten: praxiswache diff --site ${site}`,
    footer: 'Diese Nachricht enthält keine Patientendaten. Die Befund-Nummern sind dieselben, die praxiswache incident verwendet.',
  },
  en: {
    subject: {
      change: (site: string, n: number) => `[praxiswache] ${site}: ${n} new deviation${n === 1 ? '' : 's'} from the approved baseline`,
      reminder: (site: string, n: number) => `[praxiswache] Reminder ${site}: ${n} deviation${n === 1 ? '' : 's'} still open`,
      'all-clear': (site: string, n: number) => `[praxiswache] All clear ${site}: ${n} deviation${n === 1 ? '' : 's'} resolved`,
    },
    intro: {
      change: 'The latest scan shows changes against the approved state (baseline):',
      reminder: 'These deviations from the approved state are still there:',
      'all-clear': 'These deviations are no longer seen in the latest complete scan:',
    },
    noBaseline: (site: string) =>
      `No normal state is approved for this site yet, so everything found counts as a deviation. Approve it with: praxiswache baseline approve ${site}`,
    severity: { info: 'info', low: 'low', medium: 'medium', high: 'high', critical: 'critical' },
    what: 'What changed',
    why: 'Why it matters',
    todo: 'What to do',
    portOpened: (p: string, svc: string) => `New open port ${p} (${svc}), not in the baseline`,
    serviceChanged: (p: string, before: string, after: string) => `Service on ${p} changed: ${before} → ${after}`,
    findingNew: (id: number, sev: string, check: string, p: string, title: string) => `Finding #${id} [${sev}] ${check} on ${p}: ${title}`,
    findingWorse: (id: number, sev: string, check: string, p: string, title: string) => `Finding #${id} now [${sev}] ${check} on ${p}: ${title}`,
    personal: '   → may expose patient data',
    whyPorts:
      "Every new open port is a new door into the practice network. In Celle (2019) a router firmware update re-opened ports 440–449, exposing about 30,000 patients' reports.",
    whyFinding: 'The finding proves that data is reachable through this service without logging in.',
    whyAllClear: 'The deviations are gone. Still check whether anyone accessed the data meanwhile (access logs).',
    todoPorts: "Check the router's port forwarding and firewall and close ports that are not needed.",
    todoApprove: (site: string) => `If the change is intended, approve the new state: praxiswache baseline approve ${site}`,
    todoGdpr:
      'If patient data was reachable, the 72-hour deadline of GDPR Art. 33 runs from awareness: praxiswache incident helps to assess and notify.',
    todoDiff: (site: string) => `Details: praxiswache diff --site ${site}`,
    footer: 'This message contains no patient data. Finding numbers are the ones praxiswache incident uses.',
  },
} as const;

function serviceText(d: Deviation['service']): string {
  if (!d) return 'unknown';
  return [d.name, d.tls ? 'TLS' : '', d.product ?? '', d.version ?? ''].filter(Boolean).join(' ');
}

function describe(d: Deviation, lang: Lang): string[] {
  const t = T[lang];
  const where = `${d.host}:${d.port}`;
  switch (d.kind) {
    case 'port-opened':
      return [t.portOpened(where, serviceText(d.service))];
    case 'service-changed':
      return [t.serviceChanged(where, serviceText(d.serviceBefore), serviceText(d.service))];
    case 'finding-new':
    case 'finding-worse': {
      // The check's own title in the site's language; the stored title is in the scan's language.
      const title = (d.checkId ? findCheck(d.checkId)?.meta.title[lang] : undefined) ?? d.title ?? '';
      const severity = d.severity ? t.severity[d.severity] : '';
      const line = (d.kind === 'finding-new' ? t.findingNew : t.findingWorse)(d.findingId ?? 0, severity, d.checkId ?? '', where, title);
      return d.personalData ? [line, t.personal] : [line];
    }
  }
}

export function buildAlertMessage(
  kind: AlertKind,
  site: Site,
  scanId: number,
  items: readonly AlertItem<Deviation>[],
  now: Date,
  opts: { baselineApproved: boolean } = { baselineApproved: true },
): AlertMessage {
  const lang = site.language;
  const t = T[lang];
  const deviations = items.map((i) => i.detail);
  const findingIds = [...new Set(deviations.flatMap((d) => (d.findingId ? [d.findingId] : [])))].sort((a, b) => a - b);
  const checkIds = [...new Set(deviations.flatMap((d) => (d.checkId ? [d.checkId] : [])))];
  const lines: string[] = [t.intro[kind], ...(opts.baselineApproved || kind === 'all-clear' ? [] : [t.noBaseline(site.name)]), '', `${t.what}:`];
  for (const d of deviations) lines.push(...describe(d, lang).map((l, i) => (i === 0 ? `- ${l}` : l)));

  lines.push('', `${t.why}:`);
  if (kind === 'all-clear') {
    lines.push(t.whyAllClear);
  } else {
    if (deviations.some((d) => d.kind === 'port-opened' || d.kind === 'service-changed')) lines.push(t.whyPorts);
    if (checkIds.length) lines.push(t.whyFinding);
    for (const id of checkIds) {
      const meta = findCheck(id)?.meta;
      if (meta) lines.push(`- ${id}: ${meta.description[lang]}`);
    }
    lines.push('', `${t.todo}:`);
    for (const id of checkIds) {
      const meta = findCheck(id)?.meta;
      if (meta) lines.push(`- ${id}: ${meta.remediation[lang]}`);
    }
    if (deviations.some((d) => d.kind === 'port-opened')) lines.push(`- ${t.todoPorts}`);
    if (deviations.some((d) => d.personalData)) lines.push(`- ${t.todoGdpr}`);
    lines.push(`- ${t.todoApprove(site.name)}`);
  }
  lines.push(`- ${t.todoDiff(site.name)}`, '', t.footer);

  return {
    kind,
    subject: t.subject[kind](site.name, items.length),
    text: lines.join('\n') + '\n',
    payload: {
      event: 'praxiswache.alert',
      kind,
      site: { name: site.name, land: site.land },
      scanId,
      sentAt: now.toISOString(),
      items: items.map((i) => ({ ...i.detail, alertItemId: i.id, openedAt: i.openedAt })),
      findingIds,
    },
  };
}
