import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { evidenceIn } from '../../../src/checks/evidence.js';
import { elasticsearchOpen } from '../../../src/checks/db/elasticsearch-open.js';
import { closeAfterEach } from '../../identify/tcp-fixtures.js';
import { checkContext, httpTarget } from '../context.js';

const HOST = '127.21.15.1';
const track = closeAfterEach();
const ROOT = { name: 'node-1', cluster_name: 'praxis', version: { number: '7.17.9', build_flavor: 'default' }, tagline: 'You Know, for Search' };
const INDICES = [
  { index: 'patienten', 'docs.count': '1200' },
  { index: 'befunde', 'docs.count': '4' },
  { index: '.security-7', 'docs.count': '9' },
];

/** An Elasticsearch-like HTTP API; `secured` answers 401 with a Basic challenge like x-pack security. */
function startEs(opts: { secured?: boolean; root?: object; indices?: object[] } = {}) {
  const server = http.createServer((req, res) => {
    if (opts.secured) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="security"', 'Content-Type': 'application/json' });
      return void res.end('{"error":{"type":"security_exception"},"status":401}');
    }
    res.setHeader('Content-Type', 'application/json');
    if (req.url === '/') return void res.end(JSON.stringify(opts.root ?? ROOT));
    if (req.url?.startsWith('/_cat/indices')) return void res.end(JSON.stringify(opts.indices ?? INDICES));
    res.writeHead(404).end('{}');
  });
  return new Promise<{ port: number; close(): Promise<void> }>((resolve) => {
    server.listen(0, HOST, () =>
      resolve({ port: (server.address() as AddressInfo).port, close: () => new Promise((done) => server.close(() => done())) }),
    );
  });
}

describe('db.elasticsearch.open', () => {
  it('index list without credentials: counts user indices and documents, one masked name', async () => {
    const es = await track(startEs());
    const drafts = await elasticsearchOpen.run(httpTarget(HOST, es.port, false), checkContext());
    expect(drafts).toEqual([
      {
        evidence: {
          de: 'Indexliste ohne Anmeldung abrufbar: Elasticsearch 7.17.9, 2 Indizes, 1204 Dokumente (z. B. pa…(9))',
          en: 'index list without credentials: Elasticsearch 7.17.9, 2 indices, 1204 documents (e.g. pa…(9))',
        },
        personalData: false,
      },
    ]);
    for (const lang of ['de', 'en'] as const) {
      expect(evidenceIn(drafts[0]!.evidence, lang)).not.toContain('patienten');
      expect(evidenceIn(drafts[0]!.evidence, lang)).not.toContain('befunde');
    }
  });

  it('OpenSearch is recognised by its distribution', async () => {
    const es = await track(startEs({ root: { version: { distribution: 'opensearch', number: '2.11.0' }, tagline: 'The OpenSearch Project: https://opensearch.org/' } }));
    const [draft] = await elasticsearchOpen.run(httpTarget(HOST, es.port, false), checkContext());
    expect(evidenceIn(draft!.evidence, 'en')).toMatch(/^index list without credentials: OpenSearch 2\.11\.0, 2 indices/);
    expect(evidenceIn(draft!.evidence, 'de')).toMatch(/^Indexliste ohne Anmeldung abrufbar: OpenSearch 2\.11\.0, 2 Indizes/);
  });

  it('fixed twin (security on): 401 → no finding', async () => {
    const es = await track(startEs({ secured: true }));
    expect(await elasticsearchOpen.run(httpTarget(HOST, es.port, false), checkContext())).toEqual([]);
  });

  it('another JSON API with a version field is not Elasticsearch → no finding', async () => {
    const es = await track(startEs({ root: { version: { number: '1.0.0' }, name: 'some api' } }));
    expect(await elasticsearchOpen.run(httpTarget(HOST, es.port, false), checkContext())).toEqual([]);
  });

  it('an index list beyond the byte limit is still counted, as a lower bound', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => ({ index: `akte-${i}`, 'docs.count': '1' }));
    const es = await track(startEs({ indices: many }));
    const [draft] = await elasticsearchOpen.run(httpTarget(HOST, es.port, false), checkContext({ maxBytes: 32 * 1024 }));
    expect(evidenceIn(draft!.evidence, 'en')).toMatch(/^index list without credentials: Elasticsearch 7\.17\.9, at least \d+ indices, at least \d+ documents \(e\.g\. ak…\(6\)\)$/);
    expect(evidenceIn(draft!.evidence, 'de')).toMatch(/^Indexliste ohne Anmeldung abrufbar: Elasticsearch 7\.17\.9, mindestens \d+ Indizes, mindestens \d+ Dokumente \(z\. B\. ak…\(6\)\)$/);
  });

  it('garbage or a huge page at / is not Elasticsearch', async () => {
    const es = await track(startEs({ root: { tagline: 'You Know, for Search', version: 'x'.repeat(20_000) } }));
    expect(await elasticsearchOpen.run(httpTarget(HOST, es.port, false), checkContext())).toEqual([]);
  });
});
