/**
 * The breach workflow on screen: the incident list and one incident with its 72-hour clock,
 * severity, recommendation and links to the Art. 33 notice and the Art. 34 letter.
 */
import type { Lang } from '../../core/types.js';
import type { DeadlineState } from '../../respond/deadline.js';
import { buildPatientLetter } from '../../respond/letter-art34.js';
import type { Incident } from '../../respond/model.js';
import { art33Missing } from '../../respond/notice-art33.js';
import { formatSpan, missingNoticeLines } from '../../respond/summary.js';
import { pick } from '../../respond/text.js';
import { html, link, page, when, type Markup, type PageContext } from '../html.js';
import { actionText, word } from '../texts.js';

/** The clock in words, marked red when overdue or notified late. */
export function deadlineText(d: DeadlineState | null, lang: Lang): Markup {
  if (!d) return html`${word('noAwareness', lang)}`;
  let state: string;
  let css = '';
  if (d.notified) {
    state = d.late ? pick(lang, 'verspätet gemeldet', 'notified late') : pick(lang, 'fristgerecht gemeldet', 'notified in time');
    css = d.late ? 'warn' : 'ok';
  } else if (d.overdue) {
    state = pick(lang, `seit ${formatSpan(-d.hoursLeft, lang)} überfällig`, `overdue by ${formatSpan(-d.hoursLeft, lang)}`);
    css = 'warn';
  } else {
    state = pick(lang, `noch ${formatSpan(d.hoursLeft, lang)}`, `${formatSpan(d.hoursLeft, lang)} left`);
  }
  return html`${d.display[lang]} · <span class="${css}">${state}</span>`;
}

const statusText = (i: Incident, lang: Lang): string => word(i.status === 'open' ? 'incidentOpen' : 'incidentClosed', lang);

function severityText(i: Incident, lang: Lang): string {
  const r = i.assessment?.result;
  return r ? `${r.label[lang]} (${r.level}/4, ${r.band}, ${r.score})` : word('notAssessed', lang);
}

export function incidentListPage(ctx: PageContext, incidents: readonly Incident[]): string {
  const t = (k: Parameters<typeof word>[0]): string => word(k, ctx.lang);
  const body =
    incidents.length === 0
      ? html`<p>${t('noIncidents')}</p>`
      : html`<table><thead><tr><th>#</th><th>${t('title')}</th><th>${t('site')}</th><th>${t('status')}</th><th>${t('severity')}</th><th>${t('deadline')}</th><th>${t('decision')}</th></tr></thead><tbody>
${incidents.map(
  (i) => html`<tr><td>${i.id}</td><td><a href="${link(ctx, `/incidents/${i.id}`)}">${i.title}</a></td><td>${i.siteName ?? '—'} / ${i.land ?? '—'}</td>
<td>${statusText(i, ctx.lang)}</td><td>${severityText(i, ctx.lang)}</td><td>${deadlineText(i.deadline, ctx.lang)}</td><td>${actionText(i.decision.action, ctx.lang)}</td></tr>`,
)}</tbody></table>`;
  return page(ctx, t('incidents'), body, '/incidents');
}

/** `forms`: the change forms below the content (views/incident-forms.ts). */
export function incidentPage(ctx: PageContext, i: Incident, forms: Markup = html``): string {
  const t = (k: Parameters<typeof word>[0]): string => word(k, ctx.lang);
  const lang = ctx.lang;
  const noticeMissing = art33Missing(i);
  const letter = buildPatientLetter(i, lang);
  const draft = (missing: number): Markup => (missing > 0 ? html` <small class="warn">(${t('draft')}: ${missing})</small>` : html``);
  const body = html`<dl>
<dt>${t('site')} / ${t('land')}</dt><dd>${i.siteName ?? '—'} / ${i.land ?? '—'}</dd>
<dt>${t('status')}</dt><dd>${statusText(i, lang)}</dd>
<dt>${t('discovered')}</dt><dd>${when(i.timeline.discoveredAt, lang)}</dd>
<dt>${t('aware')}</dt><dd>${when(i.timeline.awareAt, lang)}${i.timeline.awareDecidedBy ? ` (${i.timeline.awareDecidedBy})` : ''}</dd>
<dt>${t('deadline')}</dt><dd>${deadlineText(i.deadline, lang)}</dd>
<dt>${t('authorityNotified')}</dt><dd>${when(i.timeline.notifiedAuthorityAt, lang)}</dd>
<dt>${t('patientsInformed')}</dt><dd>${when(i.timeline.notifiedPatientsAt, lang)}</dd>
<dt>${t('severity')}</dt><dd>${severityText(i, lang)}</dd>
</dl>
<div class="box"><p><strong>${t('decision')}: ${actionText(i.decision.action, lang)}</strong></p>
<ul>${i.decision.reasons.map((r) => html`<li>${r[lang]}</li>`)}${i.decision.missing.map((m) => html`<li class="warn">${m[lang]}</li>`)}</ul></div>
<h2>${t('documents')}</h2>
<ul><li><a href="${link(ctx, `/incidents/${i.id}/notice-art33`)}">${t('noticeArt33')}</a>${draft(noticeMissing.length)}</li>
<li><a href="${link(ctx, `/incidents/${i.id}/letter-art34`)}">${t('letterArt34')}</a>${draft(letter.missing.length)}</li></ul>
${noticeMissing.length > 0 ? html`<p>${t('stillMissing')} ${i.id}):</p><pre>${missingNoticeLines(noticeMissing, lang).join('\n')}</pre>` : ''}
<h2>${t('linkedFindings')} (${i.findings.length})</h2>
<ul>${i.findings.map((f) => html`<li>#${f.id} ${f.title} · ${f.checkId} ${f.host}:${f.port}</li>`)}</ul>
${forms}`;
  return page(ctx, `#${i.id} ${i.title}`, body, `/incidents/${i.id}`);
}
