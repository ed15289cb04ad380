import { describe, expect, it } from 'vitest';
import { evidenceIn } from '../../../src/checks/evidence.js';
import { symfonyProfiler } from '../../../src/checks/web/symfony-profiler.js';
import { startProfilerServer } from '../../../src/lab/profiler-server.js';
import { closeAfterEach } from '../../identify/tcp-fixtures.js';
import { checkContext, httpTarget } from '../context.js';
import { html, startWebFixture } from './web-fixture.js';

const HOST = '127.23.1.4';
const track = closeAfterEach();
const DB_PASS = 'SynthPw-0815-termine';
const ENVIRONMENT = { APP_ENV: 'dev', DATABASE_URL: `mysql://termine:${DB_PASS}@127.23.1.5:3306/termine`, MAILER_DSN: 'smtp://u:synth-mail@mail.example:587' };

describe('http.symfony-profiler', () => {
  it('reports the dubidoc profiler with its signals and the leaked DSNs masked', async () => {
    const server = await track(startProfilerServer({ host: HOST, port: 0, debug: true, environment: ENVIRONMENT }));
    const drafts = await symfonyProfiler.run(httpTarget(HOST, server.port, false), checkContext());
    expect(drafts).toHaveLength(1);
    const evidence = evidenceIn(drafts[0]!.evidence, 'en');
    const german = evidenceIn(drafts[0]!.evidence, 'de');
    expect(evidence).toBe(
      'Symfony profiler at /_profiler/empty/search/results?limit=10: profiler page, 10 request tokens, X-Debug-Token header, phpinfo panel; ' +
        `environment shows 2 secrets: DATABASE_URL=my…(${ENVIRONMENT.DATABASE_URL.length}), MAILER_DSN=sm…(${ENVIRONMENT.MAILER_DSN.length}) (connection strings present)`,
    );
    expect(german).toBe(
      'Symfony-Profiler unter /_profiler/empty/search/results?limit=10: Profiler-Seite, 10 Anfrage-Tokens, X-Debug-Token-Header, phpinfo-Panel; ' +
        `in der Umgebung 2 geheime Werte: DATABASE_URL=my…(${ENVIRONMENT.DATABASE_URL.length}), MAILER_DSN=sm…(${ENVIRONMENT.MAILER_DSN.length}) (Verbindungszeichenfolgen enthalten)`,
    );
    for (const text of [evidence, german]) {
      expect(text).not.toContain(DB_PASS);
      expect(text).not.toContain('synth-mail');
    }
    expect(drafts[0]?.severity).toBeUndefined(); // the catalogue default: critical
    expect(symfonyProfiler.meta.severity).toBe('critical');
  });

  it('fixed twin: the same application with debug off produces nothing', async () => {
    const server = await track(startProfilerServer({ host: HOST, port: 0, debug: false, environment: ENVIRONMENT }));
    expect(await symfonyProfiler.run(httpTarget(HOST, server.port, false), checkContext())).toEqual([]);
  });

  it('one signal is not enough: a page with profiler markup but no tokens, header or phpinfo', async () => {
    const server = await track(startWebFixture(HOST, { '/_profiler': html('<html><head><title>Symfony Profiler</title></head><body></body></html>') }));
    expect(await symfonyProfiler.run(httpTarget(HOST, server.port, false), checkContext())).toEqual([]);
  });

  it('soft-404: a catch-all answering with a profiler page everywhere produces nothing', async () => {
    const page = html('<html><head><title>Symfony Profiler</title></head><body><a href="/_profiler/abc123">abc123</a></body></html>');
    const server = await track(startWebFixture(HOST, {}, { ...page, headers: { ...page.headers, 'X-Debug-Token': 'abc123' } }));
    expect(await symfonyProfiler.run(httpTarget(HOST, server.port, false), checkContext())).toEqual([]);
  });
});
