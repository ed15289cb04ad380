/**
 * buildPlainReport(): one scan → the practice's report as a respond/render Doc, so Markdown,
 * HTML and PDF carry the same content and HTML escaping stays in one place. Order: verdict,
 * what to do now, patient data, findings (worst first), changes, what was scanned, terms.
 */
import type { Lang } from '../../core/types.js';
import { findCheck } from '../../checks/registry.js';
import { VERSION } from '../../core/version.js';
import { formatBerlin } from '../../respond/berlin-time.js';
import type { Block, Doc } from '../../respond/render.js';
import { SEVERITY_LABEL } from '../i18n.js';
import { hostPort } from '../summary.js';
import { findingTitle, when } from './format.js';
import { changesBlocks, glossaryBlocks, scannedBlocks, skippedBlocks } from './sections.js';
import { plainTexts, SEVERITY_ORDER } from './texts.js';
import type { PlainFinding, PlainReportInput } from './types.js';
import { bySeverity, verdictOf } from './verdict.js';

export interface PlainReportOptions {
  lang: Lang;
  /** When the report is made (footer); default now. */
  now?: Date;
}

export function buildPlainReport(input: PlainReportInput, opts: PlainReportOptions): Doc {
  const { lang } = opts;
  const t = plainTexts(lang);
  const findings = [...input.findings].sort(bySeverity);
  const who = input.siteName ?? input.targets.join(', ');
  const blocks: Block[] = [
    ...verdictBlocks(input, findings, lang),
    { kind: 'paragraph', text: t.intro },
    { kind: 'heading', text: t.nextSteps },
    { kind: 'list', items: nextSteps(input, findings, lang) },
    ...breachBlocks(input, findings, lang),
    ...findingBlocks(findings, lang),
    ...changesBlocks(input, lang),
    ...scannedBlocks(input, lang),
    ...skippedBlocks(input, lang),
    ...glossaryBlocks(lang),
    { kind: 'paragraph', text: t.footer(VERSION, formatBerlin(opts.now ?? new Date(), lang)) },
  ];
  return { lang, title: t.title(who), blocks };
}

function verdictBlocks(input: PlainReportInput, findings: readonly PlainFinding[], lang: Lang): Block[] {
  const t = plainTexts(lang);
  const v = verdictOf(findings, input.status);
  const headline = v.light === 'green' || (v.incomplete && findings.length === 0) ? (v.incomplete ? t.noVerdict : t.verdict.green) : t.verdict[v.light];
  const counts = SEVERITY_ORDER.map((s) => `${SEVERITY_LABEL[lang][s]}: ${findings.filter((f) => f.severity === s).length}`).join(' · ');
  const blocks: Block[] = [{ kind: 'callout', tone: v.light, text: `${t.trafficLight} ${t.lightName[v.light]}: ${headline}\n${t.counts}: ${counts}` }];
  // Said right under the verdict, never only in the details: a partial scan must not read as "all clear".
  if (input.status !== 'finished') blocks.push({ kind: 'callout', text: t.incomplete(input.status) });
  return blocks;
}

function nextSteps(input: PlainReportInput, findings: readonly PlainFinding[], lang: Lang): string[] {
  const t = plainTexts(lang);
  const steps: string[] = [];
  const actionable = findings.filter((f) => f.severity !== 'info');
  if (actionable.length > 0) steps.push(t.stepGiveToIt);
  if (findings.some((f) => f.personalData)) steps.push(t.stepPersonalData);
  if (input.status !== 'finished') steps.push(t.stepRepeat);
  if (actionable.length > 0) steps.push(t.stepRescan);
  if (steps.length === 0) steps.push(t.stepNothing);
  return steps;
}

/** A shell word the reader can paste: quoted only when it needs to be. */
const shellWord = (s: string): string => (/^[\w.:/@-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** The command that opens the breach workflow for these findings (ids only when they come from the store). */
export function incidentCommand(input: PlainReportInput, exposed: readonly PlainFinding[], lang: Lang): string {
  const where = input.siteName !== undefined ? `--site ${shellWord(input.siteName)}` : '--land XX';
  const title = lang === 'de' ? 'Patientendaten ohne Anmeldung erreichbar' : 'Patient data reachable without login';
  const ids = exposed.flatMap((f) => (f.findingId !== undefined ? [`--finding ${f.findingId}`] : []));
  const aware = lang === 'de' ? 'JJJJ-MM-TTThh:mm' : 'YYYY-MM-DDThh:mm';
  return ['praxiswache incident open', where, `--title ${shellWord(title)}`, ...ids, `--aware-at ${aware}`].join(' ');
}

function breachBlocks(input: PlainReportInput, findings: readonly PlainFinding[], lang: Lang): Block[] {
  const exposed = findings.filter((f) => f.personalData);
  if (exposed.length === 0) return [];
  const t = plainTexts(lang);
  return [
    { kind: 'heading', text: t.breachHeading },
    { kind: 'paragraph', text: t.breach(exposed.length) },
    { kind: 'paragraph', text: incidentCommand(input, exposed, lang) },
    { kind: 'paragraph', text: t.incidentHint(input.siteName === undefined) },
    { kind: 'paragraph', text: t.breachNotAdvice },
  ];
}

function findingBlocks(findings: readonly PlainFinding[], lang: Lang): Block[] {
  const t = plainTexts(lang);
  if (findings.length === 0) return [{ kind: 'heading', text: t.findingsHeading }, { kind: 'paragraph', text: t.noFindings }];
  return findings.flatMap((f, i): Block[] => {
    const meta = findCheck(f.checkId)?.meta;
    const title = findingTitle(f.checkId, f.title, lang);
    const since = f.firstSeenAt !== undefined && f.findingId !== undefined ? t.firstSeen(when(f.firstSeenAt, lang), f.findingId) : t.sinceUnknown;
    return [
      { kind: 'heading', text: t.finding(i + 1, findings.length, SEVERITY_LABEL[lang][f.severity]) },
      {
        kind: 'fields',
        rows: [
          [t.whatFound, title],
          [t.whyMatters, meta?.description[lang] ?? t.unknownCheck],
          [t.whatToDo, meta ? `${t.forIt}${meta.remediation[lang]}` : t.unknownRemedy],
          [t.where, hostPort(f.host, f.port)],
          [t.since, since],
          [t.evidence, f.evidence],
          [t.personalData, f.personalData ? t.personalYes : t.personalNo],
        ],
      },
    ];
  });
}
