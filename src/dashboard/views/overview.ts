/** The start page: every site with its last scan, open findings and deviations from the baseline. */
import type { SiteSummary } from '../data.js';
import { html, link, page, type PageContext } from '../html.js';
import { word } from '../texts.js';
import { scanState, severityCounts } from './common.js';

export function overviewPage(ctx: PageContext, sites: readonly SiteSummary[]): string {
  const t = (k: Parameters<typeof word>[0]): string => word(k, ctx.lang);
  const rows = sites.map(
    (s) => html`<tr>
<td><a href="${link(ctx, `/sites/${s.site.id}`)}">${s.site.name}</a></td>
<td>${s.site.land}</td>
<td>${scanState(s.lastScan, ctx)}</td>
<td>${severityCounts(s.openBySeverity, ctx)}</td>
<td>${s.deviations === null ? t('noBaseline') : html`<span class="${s.deviations.length > 0 ? 'warn' : 'ok'}">${s.deviations.length}</span>`}</td>
</tr>`,
  );
  const body =
    sites.length === 0
      ? html`<p>${t('noSites')}</p>`
      : html`<table><thead><tr><th>${t('site')}</th><th>${t('land')}</th><th>${t('lastScan')}</th><th>${t('openFindings')}</th><th>${t('deviations')}</th></tr></thead>
<tbody>${rows}</tbody></table>`;
  return page(ctx, t('overview'), body, '/');
}
