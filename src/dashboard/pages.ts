/** The HTML pages: overview, site, incidents, one incident and its two documents. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { UsageError, type Lang } from '../core/types.js';
import { buildPatientLetter } from '../respond/letter-art34.js';
import type { Incident } from '../respond/model.js';
import { buildAuthorityNotice } from '../respond/notice-art33.js';
import { render } from '../respond/render.js';
import type { IncidentService } from '../respond/service.js';
import type { Store } from '../store/store.js';
import { pageContext, sendError } from './context.js';
import { siteDetail, siteSummaries } from './data.js';
import { STYLESHEET } from './html.js';
import { documentCsp } from './security.js';
import { incidentForms, openIncidentForm } from './views/incident-forms.js';
import { incidentListPage, incidentPage } from './views/incidents.js';
import { overviewPage } from './views/overview.js';
import { sitePage } from './views/site.js';

export const ASSET_PATH = '/assets/dashboard.css';
/** Browsers ask for it on their own; an empty answer keeps their consoles and the login quiet. */
export const FAVICON_PATH = '/favicon.ico';

export interface PageDeps {
  store: Store;
  service: IncidentService;
  lang: Lang;
}

/** A positive database id from the URL, or undefined (then the page is "not found"). */
export function idParam(request: FastifyRequest): number | undefined {
  const raw = (request.params as Record<string, string | undefined>).id ?? '';
  return /^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : undefined;
}

/** The incident named in the URL, or undefined when there is none with that id. */
export async function incidentParam(request: FastifyRequest, service: IncidentService): Promise<Incident | undefined> {
  const id = idParam(request);
  if (id === undefined) return undefined;
  try {
    return await service.get(id);
  } catch (err) {
    if (err instanceof UsageError) return undefined; // "no incident N"
    throw err;
  }
}

const sendHtml = (reply: FastifyReply, body: string): FastifyReply => reply.type('text/html; charset=utf-8').send(body);

export function registerPages(app: FastifyInstance, deps: PageDeps): void {
  const { store, service } = deps;

  app.get(ASSET_PATH, async (_request, reply) => reply.type('text/css; charset=utf-8').send(STYLESHEET));
  app.get(FAVICON_PATH, async (_request, reply) => reply.code(204).send());

  app.get('/', async (request, reply) => sendHtml(reply, overviewPage(pageContext(request, deps.lang), await siteSummaries(store))));

  app.get('/sites/:id', async (request, reply) => {
    const id = idParam(request);
    const detail = id === undefined ? undefined : await siteDetail(store, id);
    if (!detail) return sendError(request, reply, 404, 'notFound', deps.lang);
    const ctx = pageContext(request, deps.lang);
    return sendHtml(reply, sitePage(ctx, detail, openIncidentForm(ctx, detail)));
  });

  app.get('/incidents', async (request, reply) => sendHtml(reply, incidentListPage(pageContext(request, deps.lang), await service.list())));

  app.get('/incidents/:id', async (request, reply) => {
    const incident = await incidentParam(request, service);
    if (!incident) return sendError(request, reply, 404, 'notFound', deps.lang);
    const ctx = pageContext(request, deps.lang);
    return sendHtml(reply, incidentPage(ctx, incident, incidentForms(ctx, incident)));
  });

  // The documents exactly as `incident notice --format html` writes them, drafts included.
  const documents = { 'notice-art33': buildAuthorityNotice, 'letter-art34': buildPatientLetter } as const;
  for (const [name, build] of Object.entries(documents)) {
    app.get(`/incidents/:id/${name}`, async (request, reply) => {
      const incident = await incidentParam(request, service);
      if (!incident) return sendError(request, reply, 404, 'notFound', deps.lang);
      const text = render(build(incident, pageContext(request, deps.lang).lang).doc, 'html');
      return sendHtml(reply.header('content-security-policy', documentCsp(text)), text);
    });
  }
}
