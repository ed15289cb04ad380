/**
 * The dashboard's changes to incidents: open from a site, assess, timeline, close. Each form
 * goes through IncidentService with the logged-in user as author, so the append-only history
 * says who did it; every rule and message is the service's. A refusal shows the page again
 * with what was typed and the reason (HTTP 400) and changes nothing; success redirects (303)
 * to the incident. CSRF token and Origin are checked by auth.ts before any of this runs.
 *
 *   POST /sites/:id/incidents   title, discoveredAt?, awareAt?, finding*
 *   POST /incidents/:id/assess  dpc, category?, dpcReason?, ei, confidentiality, integrity, availability, malicious?
 *   POST /incidents/:id/timeline  awareAt, awareDecidedBy, notifiedAuthorityAt, notifiedPatientsAt, delayReasons
 *   POST /incidents/:id/close   closedAt?
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { UsageError } from '../core/types.js';
import { parseInstant } from '../respond/berlin-time.js';
import { parseId, parseNumber } from '../respond/cli-support.js';
import type { Incident } from '../respond/model.js';
import type { IncidentPatch } from '../respond/service.js';
import { adjustmentsForTargetDpc, categoryForDpc, dataProcessingContext, type DataCategory, type SeverityInput } from '../respond/severity.js';
import { pageContext, sendError } from './context.js';
import { siteDetail } from './data.js';
import { link, type PageContext } from './html.js';
import { word, type WordKey } from './texts.js';
import { idParam, incidentParam, type PageDeps } from './pages.js';
import { currentTimelineValues, field, fieldList, incidentForms, openIncidentForm, type FormValues, type Refusal } from './views/incident-forms.js';
import { incidentPage } from './views/incidents.js';
import { sitePage } from './views/site.js';

/** The submitted fields without the CSRF token, which must never be echoed into a page. */
function formValues(request: FastifyRequest): FormValues {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const values: FormValues = {};
  for (const [name, value] of Object.entries(body)) {
    if (name === 'csrf') continue;
    if (typeof value === 'string') values[name] = value;
    else if (Array.isArray(value)) values[name] = value.filter((v): v is string => typeof v === 'string');
  }
  return values;
}

/** A datetime-local field read as Europe/Berlin wall-clock time; empty means "not given". */
function timeField(values: FormValues, name: string, label: WordKey, ctx: PageContext): Date | undefined {
  const text = field(values, name).trim();
  return text === '' ? undefined : parseInstant(text, word(label, ctx.lang));
}

/** What `incident assess` makes of the same inputs: the DPC becomes the category plus one reasoned adjustment. */
function severityInput(values: FormValues, incident: Incident): SeverityInput {
  const dpc = parseNumber(field(values, 'dpc'), 'DPC');
  const named = field(values, 'category');
  if (named !== '') dataProcessingContext(named as DataCategory); // refuses an unknown category by the service's own check
  const category = named !== '' ? (named as DataCategory) : (incident.suggestions.category ?? categoryForDpc(dpc));
  const affected = incident.details.subjectsApprox;
  return {
    category,
    adjustments: adjustmentsForTargetDpc(category, dpc, field(values, 'dpcReason')),
    ei: parseNumber(field(values, 'ei'), 'EI'),
    confidentiality: parseNumber(field(values, 'confidentiality') || '0', 'confidentiality'),
    integrity: parseNumber(field(values, 'integrity') || '0', 'integrity'),
    availability: parseNumber(field(values, 'availability') || '0', 'availability'),
    malicious: field(values, 'malicious') !== '',
    ...(affected !== undefined ? { affected } : {}),
  };
}

/**
 * Only what was changed on the form: the fields arrive pre-filled with the current state, and
 * resending an unchanged authority notification time would record a follow-up notification.
 */
function timelinePatch(values: FormValues, incident: Incident, ctx: PageContext): IncidentPatch {
  const current = currentTimelineValues(incident);
  const changed = (name: string): boolean => field(values, name).trim() !== field(current, name).trim();
  const patch: IncidentPatch = {};
  if (changed('awareAt')) patch.awareAt = timeField(values, 'awareAt', 'awareAt', ctx);
  if (changed('awareDecidedBy') && field(values, 'awareDecidedBy').trim() !== '') patch.awareDecidedBy = field(values, 'awareDecidedBy').trim();
  if (changed('notifiedAuthorityAt')) patch.notifiedAuthorityAt = timeField(values, 'notifiedAuthorityAt', 'notifiedAuthorityAt', ctx);
  if (changed('notifiedPatientsAt')) patch.notifiedPatientsAt = timeField(values, 'notifiedPatientsAt', 'notifiedPatientsAt', ctx);
  if (changed('delayReasons')) patch.delayReasons = field(values, 'delayReasons').trim();
  return patch;
}

const sendHtml = (reply: FastifyReply, status: number, body: string): FastifyReply => reply.code(status).type('text/html; charset=utf-8').send(body);

export function registerIncidentForms(app: FastifyInstance, deps: PageDeps): void {
  const { store, service } = deps;

  /** Runs one change; a UsageError from respond/ becomes the page with the refused form. */
  const change = async (request: FastifyRequest, reply: FastifyReply, form: Refusal['form'], apply: (author: string, ctx: PageContext) => Promise<number>, showAgain: (ctx: PageContext, refusal: Refusal) => string | Promise<string>): Promise<FastifyReply> => {
    const ctx = pageContext(request, deps.lang);
    if (!request.session) return sendError(request, reply, 401, 'sessionEnded', deps.lang);
    try {
      const id = await apply(request.session.user, ctx);
      return reply.redirect(link(ctx, `/incidents/${id}`), 303);
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      return sendHtml(reply, 400, await showAgain(ctx, { form, values: formValues(request), message: err.message }));
    }
  };

  app.post('/sites/:id/incidents', async (request, reply) => {
    const siteId = idParam(request);
    const detail = siteId === undefined ? undefined : await siteDetail(store, siteId);
    if (!detail) return sendError(request, reply, 404, 'notFound', deps.lang);
    const values = formValues(request);
    return change(
      request, reply, 'open',
      (author, ctx) =>
        service.open(
          {
            title: field(values, 'title'),
            site: detail.site.id,
            findingIds: fieldList(values, 'finding').map((f) => parseId(f, 'finding id')),
            discoveredAt: timeField(values, 'discoveredAt', 'discoveredAt', ctx),
            awareAt: timeField(values, 'awareAt', 'awareAt', ctx),
          },
          author,
        ),
      (ctx, refusal) => sitePage(ctx, detail, openIncidentForm(ctx, detail, refusal)),
    );
  });

  const incidentRoute = (path: string, form: Refusal['form'], apply: (incident: Incident, values: FormValues, author: string, ctx: PageContext) => Promise<unknown>): void => {
    app.post(`/incidents/:id/${path}`, async (request, reply) => {
      const incident = await incidentParam(request, service);
      if (!incident) return sendError(request, reply, 404, 'notFound', deps.lang);
      const values = formValues(request);
      return change(
        request, reply, form,
        async (author, ctx) => {
          await apply(incident, values, author, ctx);
          return incident.id;
        },
        // Shown as it is now, which is as it was: a refused change writes nothing.
        async (ctx, refusal) => {
          const now = await service.get(incident.id);
          return incidentPage(ctx, now, incidentForms(ctx, now, refusal));
        },
      );
    });
  };

  incidentRoute('assess', 'assess', (incident, values, author) => service.assess(incident.id, severityInput(values, incident), author));
  incidentRoute('timeline', 'timeline', (incident, values, author, ctx) => service.update(incident.id, timelinePatch(values, incident, ctx), author));
  incidentRoute('close', 'close', (incident, values, author, ctx) => service.close(incident.id, author, timeField(values, 'closedAt', 'closedAt', ctx)));
}
