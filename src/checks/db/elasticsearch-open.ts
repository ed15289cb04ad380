import { sanitize } from '../../identify/match.js';
import { httpGet } from '../http-client.js';
import { maskSecret } from '../mask.js';
import type { Check, CheckContext, CheckTarget } from '../types.js';
import { countedIn } from '../evidence.js';

const ROOT_MAX_BYTES = 8 * 1024;

interface ClusterFacts {
  product: 'Elasticsearch' | 'OpenSearch';
  version: string;
}

/**
 * db.elasticsearch.open — Elasticsearch/OpenSearch lists its indices without credentials; the
 * same unauthenticated API returns every document in them.
 *
 * Proof: GET / identifies the cluster (version object plus the product's tagline or
 * distribution) AND GET /_cat/indices answers 200 with a JSON list. Evidence keeps the index
 * COUNT, the document count and one masked index name; no documents are ever requested.
 *
 * Sample evidence: "index list without credentials: Elasticsearch 7.17.9, 3 indices, 1204 documents (e.g. pa…(8))"
 * (de: "Indexliste ohne Anmeldung abrufbar: Elasticsearch 7.17.9, 3 Indizes, 1204 Dokumente (z. B. pa…(8))")
 */
export const elasticsearchOpen: Check = {
  meta: {
    id: 'db.elasticsearch.open',
    severity: 'critical',
    title: { de: 'Elasticsearch ohne Anmeldung lesbar', en: 'Elasticsearch readable without authentication' },
    description: {
      de: 'Der Elasticsearch- oder OpenSearch-Cluster gibt seine Indizes ohne Anmeldung heraus: alle gespeicherten Dokumente sind über die HTTP-API für jeden lesbar.',
      en: 'The Elasticsearch or OpenSearch cluster serves its indices without authentication: every stored document can be read by anyone through the HTTP API.',
    },
    remediation: {
      de: 'Die Sicherheitsfunktionen einschalten (xpack.security.enabled: true bzw. das Security-Plugin), Passwörter für alle Benutzer setzen, TLS aktivieren, network.host auf interne Adressen beschränken und Port 9200 nicht freigeben.',
      en: 'Enable the security features (xpack.security.enabled: true or the security plugin), set passwords for all users, enable TLS, restrict network.host to internal addresses and do not expose port 9200.',
    },
    cwe: [306],
    kbv: ['topic/access-control', 'KBV Anlage 1 Nr. 32 (Fassung 2021)', 'KZBV Anlage 1 Nr. 11 (Fassung 2025)'],
    incidents: [],
    intrusive: true,
  },

  // Elasticsearch has no Server header: any HTTP service may be one; GET / decides cheaply.
  appliesTo: (target) => target.service.name === 'http',

  async run(target, ctx) {
    const cluster = await identifyCluster(target, ctx);
    if (!cluster) return [];
    const reply = await httpGet(target, ctx, '/_cat/indices?format=json&h=index,docs.count&expand_wildcards=open');
    if (!reply || reply.status !== 200) return [];
    const indices = parseIndexList(reply.body.toString('utf8'), reply.truncated);
    if (!indices) return [];
    const example = indices.names[0] ? maskSecret(indices.names[0]) : null;
    const server = `${cluster.product} ${cluster.version}`;
    const de = { atLeast: indices.complete ? '' : 'mindestens ', example: example ? ` (z. B. ${example})` : '' };
    const en = { atLeast: indices.complete ? '' : 'at least ', example: example ? ` (e.g. ${example})` : '' };
    const count = indices.names.length;
    return [
      {
        evidence: {
          de:
            `Indexliste ohne Anmeldung abrufbar: ${server}, ${de.atLeast}${countedIn(count, 'Index', 'Indizes')}, ` +
            `${de.atLeast}${countedIn(indices.documents, 'Dokument', 'Dokumente')}${de.example}`,
          en:
            `index list without credentials: ${server}, ${en.atLeast}${countedIn(count, 'index', 'indices')}, ` +
            `${en.atLeast}${indices.documents} documents${en.example}`,
        },
        personalData: false,
      },
    ];
  },
};

async function identifyCluster(target: CheckTarget, ctx: CheckContext): Promise<ClusterFacts | null> {
  const reply = await httpGet(target, ctx, '/', ROOT_MAX_BYTES);
  if (!reply || reply.status !== 200 || reply.truncated) return null;
  let root: unknown;
  try {
    root = JSON.parse(reply.body.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof root !== 'object' || root === null) return null;
  const { version, tagline } = root as { version?: { number?: unknown; distribution?: unknown }; tagline?: unknown };
  if (typeof version?.number !== 'string') return null;
  const opensearch = version.distribution === 'opensearch';
  if (!opensearch && tagline !== 'You Know, for Search') return null;
  return { product: opensearch ? 'OpenSearch' : 'Elasticsearch', version: sanitize(version.number, 20) };
}

/** User indices (system ones start with a dot) and their documents; a cut-off list still counts. */
function parseIndexList(text: string, truncated: boolean): { names: string[]; documents: number; complete: boolean } | null {
  let rows: { index?: unknown; 'docs.count'?: unknown }[] = [];
  let complete = !truncated;
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return null;
    rows = parsed as typeof rows;
  } catch {
    if (!truncated || !text.trimStart().startsWith('[')) return null;
    // Too many indices for the byte limit: count the complete objects that did arrive.
    complete = false;
    rows = [...text.matchAll(/\{"index":"([^"]*)","docs\.count":"?(\d*)"?\}/g)].map((m) => ({ index: m[1], 'docs.count': m[2] }));
  }
  const user = rows.filter((r) => typeof r.index === 'string' && !r.index.startsWith('.'));
  const documents = user.reduce((sum, r) => sum + (Number(r['docs.count']) || 0), 0);
  return { names: user.map((r) => String(r.index)), documents, complete };
}
