/**
 * The JSON API under /api/v1, for scripts of the IT service provider. Same session as the
 * pages; read-only. Incidents have the shape of `incident show --format json`.
 */
import type { FastifyInstance } from 'fastify';
import { incidentJson } from '../respond/summary.js';
import type { IncidentService } from '../respond/service.js';
import type { Store } from '../store/store.js';
import type { ScanRow } from '../store/schema.js';
import { sendError } from './context.js';
import { siteDetail, siteSummaries, type SiteSummary } from './data.js';
import { idParam, incidentParam } from './pages.js';

const scanJson = (s: ScanRow): Record<string, unknown> => ({
  id: s.id,
  status: s.status,
  startedAt: s.started_at,
  finishedAt: s.finished_at,
  hosts: s.host_count,
  openPorts: s.port_count,
  findings: s.finding_count,
  note: s.note,
});

/** Contacts stay out: webhook secrets and addresses are not the dashboard's business. */
const siteJson = (s: SiteSummary): Record<string, unknown> => ({
  id: s.site.id,
  name: s.site.name,
  land: s.site.land,
  lastScan: s.lastScan ? scanJson(s.lastScan) : null,
  openFindings: s.openBySeverity,
  baselineScanId: s.baseline?.scan_id ?? null,
  deviations: s.deviations,
});

export function registerApi(app: FastifyInstance, deps: { store: Store; service: IncidentService; lang: 'de' | 'en' }): void {
  const { store, service } = deps;
  app.get('/api/v1/sites', async () => ({ sites: (await siteSummaries(store)).map(siteJson) }));

  app.get('/api/v1/sites/:id', async (request, reply) => {
    const id = idParam(request);
    const d = id === undefined ? undefined : await siteDetail(store, id);
    if (!d) return sendError(request, reply, 404, 'notFound', deps.lang);
    return { site: siteJson(d), openFindings: d.openFindings, scans: d.recentScans.map(scanJson) };
  });

  app.get('/api/v1/incidents', async () => ({ incidents: (await service.list()).map(incidentJson) }));

  app.get('/api/v1/incidents/:id', async (request, reply) => {
    const incident = await incidentParam(request, service);
    if (!incident) return sendError(request, reply, 404, 'notFound', deps.lang);
    return incidentJson(incident);
  });
}
