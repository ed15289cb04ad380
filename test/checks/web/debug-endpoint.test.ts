import { describe, expect, it } from 'vitest';
import { evidenceIn } from '../../../src/checks/evidence.js';
import { debugEndpoint } from '../../../src/checks/web/debug-endpoint.js';
import { closeAfterEach } from '../../identify/tcp-fixtures.js';
import { checkContext, httpTarget } from '../context.js';
import { html, startWebFixture } from './web-fixture.js';

const HOST = '127.23.1.6';
const track = closeAfterEach();
const STUB_STATUS = 'Active connections: 3 \nserver accepts handled requests\n 120 120 340 \nReading: 0 Writing: 1 Waiting: 2 \n';
const ACTUATOR_ENV = JSON.stringify({ activeProfiles: ['prod'], propertySources: [{ name: 'systemEnvironment', properties: {} }] });

describe('http.debug-endpoint', () => {
  it('reports nginx stub_status and actuator env, one finding per endpoint', async () => {
    const server = await track(
      startWebFixture(HOST, {
        '/nginx_status': { body: STUB_STATUS },
        '/actuator/env': { headers: { 'Content-Type': 'application/vnd.spring-boot.actuator.v3+json' }, body: ACTUATOR_ENV },
      }),
    );
    const drafts = await debugEndpoint.run(httpTarget(HOST, server.port, false), checkContext());
    expect(drafts.map((d) => d.key)).toEqual(['/nginx_status', '/actuator/env']);
    expect(drafts[1]?.evidence).toEqual({
      de: '/actuator/env: Spring Boot Actuator env (Konfiguration und geheime Werte)',
      en: '/actuator/env: Spring Boot actuator env (configuration and secrets)',
    });
  });

  it('proves a heap dump by its headers only, never downloading it', async () => {
    const server = await track(
      startWebFixture(HOST, {
        '/actuator/heapdump': { headers: { 'Content-Type': 'application/octet-stream', 'Content-Disposition': 'attachment; filename="heapdump.hprof"' }, body: 'JAVA PROFILE 1.0.2' },
      }),
    );
    const drafts = await debugEndpoint.run(httpTarget(HOST, server.port, false), checkContext());
    expect(drafts.map((d) => d.key)).toEqual(['/actuator/heapdump']);
    expect(evidenceIn(drafts[0]!.evidence, 'de')).toBe('/actuator/heapdump: Spring Boot Actuator Heap-Dump (Speicherabbild mit geheimen Werten und Sitzungen)');
    expect(server.requests.filter((r) => r.path.startsWith('/actuator/heapdump')).map((r) => r.method)).toEqual(['HEAD', 'HEAD']);
  });

  it('fixed twin: endpoints restricted (403) produce nothing', async () => {
    const server = await track(startWebFixture(HOST, { '/nginx_status': { status: 403, body: STUB_STATUS }, '/server-status': html('Forbidden', 403) }));
    expect(await debugEndpoint.run(httpTarget(HOST, server.port, false), checkContext())).toEqual([]);
  });

  it('one marker is not enough: a page that only says "Active connections"', async () => {
    const server = await track(startWebFixture(HOST, { '/nginx_status': { body: 'Active connections: 3\n' } }));
    expect(await debugEndpoint.run(httpTarget(HOST, server.port, false), checkContext())).toEqual([]);
  });

  it('soft-404: the same status page for every path produces nothing', async () => {
    const server = await track(startWebFixture(HOST, {}, { headers: { 'Content-Type': 'application/json' }, body: STUB_STATUS }));
    expect(await debugEndpoint.run(httpTarget(HOST, server.port, false), checkContext())).toEqual([]);
  });
});
