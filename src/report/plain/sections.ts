/**
 * The lower half of the plain report: what changed against the approved state (or the previous
 * scan), what was scanned, which checks did not run, and the terms explained. Services are named
 * by the category praxiswache gave them (http, dicom, …); products, versions and banners that
 * hosts sent are never printed.
 */
import type { Lang } from '../../core/types.js';
import type { Block } from '../../respond/render.js';
import type { Deviation } from '../../watch/deviations.js';
import { SEVERITY_LABEL } from '../i18n.js';
import { hostPort } from '../summary.js';
import { findingTitle, when } from './format.js';
import { plainTexts } from './texts.js';
import type { PlainChanges, PlainReportInput } from './types.js';

function worseLine(d: Deviation, lang: Lang): string {
  const t = plainTexts(lang);
  const where = hostPort(d.host, d.port);
  const label = d.severity ? SEVERITY_LABEL[lang][d.severity] : '';
  const title = findingTitle(d.checkId ?? '', d.title ?? '', lang);
  switch (d.kind) {
    case 'port-opened':
      return t.portOpened(where, d.service?.name ?? '?');
    case 'service-changed':
      return t.serviceChanged(where);
    case 'finding-new':
      return t.findingNew(label, title, where);
    case 'finding-worse':
      return t.findingWorse(label, title, where);
  }
}

function betterLines(c: PlainChanges, lang: Lang): string[] {
  const t = plainTexts(lang);
  return [
    ...c.portsClosed.map((p) => t.portClosed(hostPort(p.host, p.port))),
    ...c.findingsResolved.map((f) => t.findingResolved(findingTitle(f.checkId, f.title, lang), hostPort(f.host, f.port))),
    ...c.findingsMilder.map(({ after }) =>
      t.findingMilder(SEVERITY_LABEL[lang][after.severity], findingTitle(after.checkId, after.title, lang), hostPort(after.host, after.port)),
    ),
  ];
}

export function changesBlocks(input: PlainReportInput, lang: Lang): Block[] {
  const t = plainTexts(lang);
  const c = input.changes;
  const heading: Block = { kind: 'heading', text: t.changesHeading };
  if (typeof c === 'string') return [heading, { kind: 'paragraph', text: t.noComparison[c] }];
  const intro =
    c.against === 'baseline'
      ? t.changesAgainstBaseline(c.referenceScanId, when(c.referenceAt, lang), c.approvedBy ?? '?', when(c.approvedAt ?? c.referenceAt, lang))
      : t.changesAgainstPrevious(c.referenceScanId, when(c.referenceAt, lang));
  const blocks: Block[] = [heading, { kind: 'paragraph', text: intro }];
  const worse = c.worse.map((d) => worseLine(d, lang));
  // A partial scan not seeing something is no evidence that it was closed.
  const better = input.status === 'finished' ? betterLines(c, lang) : [];
  if (worse.length > 0) blocks.push({ kind: 'paragraph', text: t.worse }, { kind: 'list', items: worse });
  if (better.length > 0) blocks.push({ kind: 'paragraph', text: t.better }, { kind: 'list', items: better });
  if (input.status !== 'finished') blocks.push({ kind: 'paragraph', text: t.betterUnknown });
  else if (worse.length === 0 && better.length === 0) blocks.push({ kind: 'paragraph', text: t.noChanges });
  return blocks;
}

export function scannedBlocks(input: PlainReportInput, lang: Lang): Block[] {
  const t = plainTexts(lang);
  const rows: [string, string][] = [];
  if (input.siteName !== undefined) rows.push([t.site, input.siteName]);
  if (input.scanId !== undefined) rows.push([t.scanNo, String(input.scanId)]);
  rows.push(
    [t.targets, input.targets.join(', ')],
    [t.time, input.finishedAt ? `${when(input.startedAt, lang)} – ${when(input.finishedAt, lang)}` : t.timeOpen(when(input.startedAt, lang))],
    [t.status, t.statusText[input.status]],
    [t.reached, t.reachedText(input.hostCount, input.openPortCount)],
  );
  return [{ kind: 'heading', text: t.scannedHeading }, { kind: 'fields', rows }];
}

/** Reasons in the reader's words; the text of a failure is not printed (it may quote a host). */
function skippedReason(reason: string, lang: Lang): string {
  const t = plainTexts(lang);
  if (reason.startsWith('safe mode')) return t.skippedSafe;
  if (reason.startsWith('failed')) return t.skippedFailed;
  return t.skippedOther;
}

export function skippedBlocks(input: PlainReportInput, lang: Lang): Block[] {
  const t = plainTexts(lang);
  const heading: Block = { kind: 'heading', text: t.skippedHeading };
  if (input.skipped === null) return [heading, { kind: 'paragraph', text: t.skippedUnknown }];
  if (input.skipped.length === 0) return [heading, { kind: 'paragraph', text: t.skippedNone }];
  const items = input.skipped.map((s) => `${findingTitle(s.checkId, s.checkId, lang)} (${s.checkId}): ${skippedReason(s.reason, lang)}`);
  return [heading, { kind: 'list', items }];
}

export function glossaryBlocks(lang: Lang): Block[] {
  const t = plainTexts(lang);
  return [{ kind: 'heading', text: t.glossaryHeading }, { kind: 'list', items: [...t.glossary] }];
}
