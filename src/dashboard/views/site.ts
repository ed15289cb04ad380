/** One site: open findings with their masked evidence, deviations from the baseline, recent scans. */
import type { SiteDetail } from '../data.js';
import { html, page, when, type Markup, type PageContext } from '../html.js';
import { deviationKindText, scanStatusText, word } from '../texts.js';
import { scanState, severityBadge } from './common.js';

/** `forms`: the change forms below the content (views/incident-forms.ts). */
export function sitePage(ctx: PageContext, d: SiteDetail, forms: Markup = html``): string {
  const t = (k: Parameters<typeof word>[0]): string => word(k, ctx.lang);
  const findings =
    d.openFindings.length === 0
      ? html`<p class="ok">${t('noOpenFindings')}</p>`
      : html`<table><thead><tr><th>${t('severity')}</th><th>${t('title')}</th><th>${t('address')}</th><th>${t('evidence')}</th><th>${t('firstSeen')}</th><th>${t('lastSeen')}</th></tr></thead><tbody>
${d.openFindings.map(
  (f) => html`<tr><td>${severityBadge(f.severity, ctx)}</td>
<td>${f.title}<br><small>${f.checkId}${f.personalData ? html` · <span class="warn">${t('patientData')}</span>` : ''}</small></td>
<td>${f.host}:${f.port}</td><td>${f.evidence}</td><td>${when(f.firstSeenAt, ctx.lang)}</td><td>${when(f.lastSeenAt, ctx.lang)}</td></tr>`,
)}</tbody></table>`;

  const baseline = d.baseline
    ? html`<p>${t('baseline')}: Scan ${d.baseline.scan_id}, ${t('approvedBy')} ${d.baseline.approved_by}, ${when(d.baseline.approved_at, ctx.lang)}</p>`
    : html`<p>${t('noBaseline')}</p>`;
  const deviations =
    d.deviations && d.deviations.length > 0
      ? html`<table><thead><tr><th>${t('kind')}</th><th>${t('address')}</th><th>${t('title')}</th></tr></thead><tbody>
${d.deviations.map((v) => html`<tr><td>${deviationKindText(v.kind, ctx.lang)}</td><td>${v.host}:${v.port}</td><td>${v.title ?? v.service?.name ?? ''}</td></tr>`)}</tbody></table>`
      : html``;

  const scans = html`<table><thead><tr><th>Scan</th><th>${t('status')}</th><th>${t('started')}</th><th>${t('finished')}</th><th>${t('openPorts')}</th><th>${t('findings')}</th></tr></thead><tbody>
${d.recentScans.map(
  (s) => html`<tr><td>${s.id}</td><td class="${s.status === 'interrupted' ? 'warn' : ''}">${scanStatusText(s.status, ctx.lang)}</td>
<td>${when(s.started_at, ctx.lang)}</td><td>${when(s.finished_at, ctx.lang)}</td><td>${s.port_count}</td><td>${s.finding_count}</td></tr>`,
)}</tbody></table>`;

  const body = html`<p>${t('land')}: ${d.site.land} · ${t('lastScan')}: ${scanState(d.lastScan, ctx)}</p>
<h2>${t('openFindings')} (${d.openFindings.length})</h2>
${findings}
<h2>${t('deviations')}${d.deviations ? ` (${d.deviations.length})` : ''}</h2>
${baseline}${deviations}
<h2>${t('lastScans')}</h2>
${scans}
${forms}`;
  return page(ctx, `${t('site')} ${d.site.name}`, body, `/sites/${d.site.id}`);
}
