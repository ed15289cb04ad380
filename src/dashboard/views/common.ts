/** Small pieces several dashboard pages share. */
import type { Severity } from '../../core/types.js';
import { SEVERITIES } from '../../core/types.js';
import { SEVERITY_LABEL } from '../../report/i18n.js';
import type { ScanRow } from '../../store/schema.js';
import { html, when, type Markup, type PageContext } from '../html.js';
import { scanStatusText, word } from '../texts.js';

export function severityBadge(severity: Severity, ctx: PageContext): Markup {
  return html`<span class="sev sev-${severity}">${SEVERITY_LABEL[ctx.lang][severity]}</span>`;
}

/** "2 KRITISCH, 1 HOCH", most severe first; "keine" when nothing is open. */
export function severityCounts(counts: Record<Severity, number>, ctx: PageContext): Markup {
  const parts = [...SEVERITIES].reverse().filter((s) => counts[s] > 0);
  if (parts.length === 0) return html`<span class="ok">${word('none', ctx.lang)}</span>`;
  return html`${parts.map((s, i) => html`${i > 0 ? ', ' : ''}${counts[s]} ${severityBadge(s, ctx)}`)}`;
}

export function scanState(scan: ScanRow | undefined, ctx: PageContext): Markup {
  if (!scan) return html`${word('noScan', ctx.lang)}`;
  const css = scan.status === 'interrupted' ? 'warn' : '';
  return html`${when(scan.finished_at ?? scan.started_at, ctx.lang)} · <span class="${css}">${scanStatusText(scan.status, ctx.lang)}</span>`;
}
