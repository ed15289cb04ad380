/**
 * The forms that change incidents: open one from a site page; assess, update the timeline and
 * close on the incident page. Each shows either the current state or, after a refusal, what
 * was typed together with the reason. Times are Europe/Berlin wall-clock values
 * (datetime-local), as a practice reads them.
 */
import type { Lang } from '../../core/types.js';
import { toBerlinIso } from '../../respond/berlin-time.js';
import type { Incident } from '../../respond/model.js';
import {
  AVAILABILITY_VALUES, CATEGORY_BASE, CATEGORY_LABEL, CONFIDENTIALITY_VALUES, DATA_CATEGORIES, EI_VALUES, INTEGRITY_VALUES,
} from '../../respond/severity.js';
import type { SiteDetail } from '../data.js';
import { refusalText } from '../refusals.js';
import { html, link, type Markup, type PageContext } from '../html.js';
import { word, type WordKey } from '../texts.js';

/** A submitted form as the body parser hands it over: repeated names become lists. */
export type FormValues = Record<string, string | string[] | undefined>;

/** Which form a refusal belongs to, what was typed, and the service's message. */
export interface Refusal {
  form: 'open' | 'assess' | 'timeline' | 'close';
  values: FormValues;
  message: string;
}

/** The datetime-local value of a stored instant: Berlin wall clock to the minute. */
export function berlinLocalValue(iso: string | null | undefined): string {
  return iso ? toBerlinIso(new Date(iso)).slice(0, 16) : '';
}

export const field = (values: FormValues, name: string): string => {
  const v = values[name];
  return typeof v === 'string' ? v : '';
};

export const fieldList = (values: FormValues, name: string): string[] => {
  const v = values[name];
  return v === undefined ? [] : typeof v === 'string' ? [v] : v;
};

function refusalBox(refusal: Refusal | undefined, form: Refusal['form'], lang: Lang): Markup {
  if (refusal?.form !== form) return html``;
  return html`<p class="error" role="alert">${word('refused', lang)} ${refusalText(refusal.message, lang)}</p>`;
}

const hidden = (ctx: PageContext): Markup => html`<input type="hidden" name="csrf" value="${ctx.csrf ?? ''}">`;

function timeInput(lang: Lang, label: WordKey, name: string, values: FormValues, required = false): Markup {
  return html`<label>${word(label, lang)} <input type="datetime-local" name="${name}" value="${field(values, name)}"${required ? html` required` : ''}></label>`;
}

function select(name: string, options: readonly (readonly [string, string])[], chosen: string): Markup {
  return html`<select name="${name}">${options.map(([value, label]) => html`<option value="${value}"${value === chosen ? html` selected` : ''}>${label}</option>`)}</select>`;
}

const numberOptions = (values: readonly number[]): [string, string][] => values.map((v) => [String(v), String(v)]);

export function openIncidentForm(ctx: PageContext, d: SiteDetail, refusal?: Refusal): Markup {
  const lang = ctx.lang;
  const values: FormValues =
    refusal?.form === 'open'
      ? refusal.values
      : { title: '', discoveredAt: '', awareAt: '', finding: d.openFindings.filter((f) => f.personalData).map((f) => String(f.id)) };
  const chosen = new Set(fieldList(values, 'finding'));
  return html`<h2 id="open-incident">${word('openIncident', lang)}</h2>
${refusalBox(refusal, 'open', lang)}
<form method="post" action="${link(ctx, `/sites/${d.site.id}/incidents`)}" class="change">${hidden(ctx)}
<label>${word('title', lang)} <input name="title" required maxlength="200" value="${field(values, 'title')}"></label>
${timeInput(lang, 'discoveredAt', 'discoveredAt', values)}
${timeInput(lang, 'awareAt', 'awareAt', values)}
<fieldset><legend>${word('findingsToLink', lang)}</legend>
${d.openFindings.map((f) => html`<label><input type="checkbox" name="finding" value="${f.id}"${chosen.has(String(f.id)) ? html` checked` : ''}> #${f.id} ${f.title} · ${f.host}:${f.port}</label>`)}
</fieldset>
<button type="submit">${word('openIncident', lang)}</button>
</form>`;
}

/** The form values of the current state, so an unchanged field can be told from a new one. */
export function currentTimelineValues(i: Incident): FormValues {
  return {
    awareAt: berlinLocalValue(i.timeline.awareAt),
    awareDecidedBy: i.timeline.awareDecidedBy ?? '',
    notifiedAuthorityAt: berlinLocalValue(i.authorityNotifications.at(-1)?.at ?? i.timeline.notifiedAuthorityAt),
    notifiedPatientsAt: berlinLocalValue(i.timeline.notifiedPatientsAt),
    delayReasons: i.delayReasons ?? '',
  };
}

function currentAssessmentValues(i: Incident): FormValues {
  const input = i.assessment?.input;
  const suggested = i.suggestions.category;
  if (!input) {
    return { dpc: suggested ? String(CATEGORY_BASE[suggested]) : '4', category: '', dpcReason: '', ei: String(i.suggestions.ei ?? 1), confidentiality: String(i.suggestions.confidentiality ?? 0), integrity: '0', availability: '0' };
  }
  return {
    dpc: String(i.assessment?.result.dpc ?? ''),
    category: input.category,
    dpcReason: input.adjustments?.map((a) => a.reason).join('; ') ?? '',
    ei: String(input.ei),
    confidentiality: String(input.confidentiality ?? 0),
    integrity: String(input.integrity ?? 0),
    availability: String(input.availability ?? 0),
    ...(input.malicious ? { malicious: 'on' } : {}),
  };
}

function assessForm(ctx: PageContext, i: Incident, refusal: Refusal | undefined): Markup {
  const lang = ctx.lang;
  const v = refusal?.form === 'assess' ? refusal.values : currentAssessmentValues(i);
  const categories: [string, string][] = [['', word('suggested', lang)], ...DATA_CATEGORIES.map((c): [string, string] => [c, `${CATEGORY_LABEL[c][lang]} (${CATEGORY_BASE[c]})`])];
  return html`<h2 id="assess">${word('assessment', lang)}</h2>
${refusalBox(refusal, 'assess', lang)}
<form method="post" action="${link(ctx, `/incidents/${i.id}/assess`)}" class="change">${hidden(ctx)}
<label>${word('dpc', lang)} <input type="number" name="dpc" min="1" max="4" step="0.25" required value="${field(v, 'dpc')}"></label>
<label>${word('category', lang)} ${select('category', categories, field(v, 'category'))}</label>
<label>${word('dpcReason', lang)} <input name="dpcReason" maxlength="1000" value="${field(v, 'dpcReason')}"></label>
<label>${word('ei', lang)} ${select('ei', numberOptions(EI_VALUES), field(v, 'ei'))}</label>
<label>${word('confidentiality', lang)} ${select('confidentiality', numberOptions(CONFIDENTIALITY_VALUES), field(v, 'confidentiality'))}</label>
<label>${word('integrity', lang)} ${select('integrity', numberOptions(INTEGRITY_VALUES), field(v, 'integrity'))}</label>
<label>${word('availability', lang)} ${select('availability', numberOptions(AVAILABILITY_VALUES), field(v, 'availability'))}</label>
<label><input type="checkbox" name="malicious" value="on"${field(v, 'malicious') ? html` checked` : ''}> ${word('malicious', lang)}</label>
<button type="submit">${word('save', lang)}</button>
</form>`;
}

function timelineForm(ctx: PageContext, i: Incident, refusal: Refusal | undefined): Markup {
  const lang = ctx.lang;
  const v = refusal?.form === 'timeline' ? refusal.values : currentTimelineValues(i);
  return html`<h2 id="timeline">${word('timeline', lang)}</h2>
${refusalBox(refusal, 'timeline', lang)}
<form method="post" action="${link(ctx, `/incidents/${i.id}/timeline`)}" class="change">${hidden(ctx)}
${timeInput(lang, 'awareAt', 'awareAt', v)}
<label>${word('awareDecidedBy', lang)} <input name="awareDecidedBy" maxlength="200" value="${field(v, 'awareDecidedBy')}"></label>
${timeInput(lang, 'notifiedAuthorityAt', 'notifiedAuthorityAt', v)}
${timeInput(lang, 'notifiedPatientsAt', 'notifiedPatientsAt', v)}
<label>${word('delayReasons', lang)} <textarea name="delayReasons" maxlength="4000" rows="3">${field(v, 'delayReasons')}</textarea></label>
<button type="submit">${word('save', lang)}</button>
</form>`;
}

function closeForm(ctx: PageContext, i: Incident, refusal: Refusal | undefined): Markup {
  const lang = ctx.lang;
  const v = refusal?.form === 'close' ? refusal.values : { closedAt: '' };
  return html`<h2 id="close">${word('closeIncident', lang)}</h2>
${refusalBox(refusal, 'close', lang)}
<form method="post" action="${link(ctx, `/incidents/${i.id}/close`)}" class="change">${hidden(ctx)}
${timeInput(lang, 'closedAt', 'closedAt', v)}
<button type="submit">${word('closeIncident', lang)}</button>
</form>`;
}

/** The change forms of an open incident; a closed one is only shown (with the reason when a change was refused). */
export function incidentForms(ctx: PageContext, i: Incident, refusal?: Refusal): Markup {
  if (i.status === 'closed') return refusal ? refusalBox(refusal, refusal.form, ctx.lang) : html``;
  return html`${assessForm(ctx, i, refusal)}
${timelineForm(ctx, i, refusal)}
${closeForm(ctx, i, refusal)}`;
}
