import { describe, expect, it } from 'vitest';
import { evidenceIn } from '../../../src/checks/evidence.js';
import { routerInterface } from '../../../src/checks/admin/router-interface.js';
import { closeAfterEach } from '../../identify/tcp-fixtures.js';
import { checkContext, httpTarget } from '../context.js';
import { html, startWebFixture } from '../web/web-fixture.js';

const HOST = '127.23.6.1';
const track = closeAfterEach();
const FRITZ_LOGIN =
  '<!DOCTYPE html><html><head><title>FRITZ!Box</title><script src="/js/browser.js"></script></head><body>' +
  '<form action="/login.lua" method="post"><input type="text" name="username"><input type="password" name="password"></form></body></html>';

describe('admin.router-interface', () => {
  it('reports a FRITZ!Box login page (title, product markup, login form)', async () => {
    const server = await track(startWebFixture(HOST, { '/': html(FRITZ_LOGIN) }));
    expect(await routerInterface.run(httpTarget(HOST, server.port, false), checkContext())).toEqual([
      {
        evidence: {
          de: 'Verwaltungsoberfläche AVM FRITZ!Box unter / (Seitentitel, Produktmerkmale im Seitenquelltext, Anmeldeformular)',
          en: 'AVM FRITZ!Box management interface at / (page title, product markup, login form)',
        },
        personalData: false,
        key: 'AVM FRITZ!Box',
      },
    ]);
  });

  it('follows one same-host redirect (OPNsense login behind /)', async () => {
    const login = '<html><head><title>Login | OPNsense</title></head><body><input name="usernamefld"><input type="password" name="passwordfld"></body></html>';
    const server = await track(startWebFixture(HOST, { '/': { status: 302, headers: { Location: '/ui/login?x=1' }, body: '' }, '/ui/login?x=1': html(login) }));
    const [draft] = await routerInterface.run(httpTarget(HOST, server.port, false), checkContext());
    expect(evidenceIn(draft!.evidence, 'en')).toBe('OPNsense management interface at /ui/login?x=1 (page title, product markup, login form)');
  });

  it('recognises a Basic-auth realm plus product markup (Digitalisierungsbox)', async () => {
    const server = await track(
      startWebFixture(HOST, {
        '/': { status: 401, headers: { 'WWW-Authenticate': 'Basic realm="Digitalisierungsbox Premium"', 'Content-Type': 'text/html' }, body: '<html><body>bintec be.IP</body></html>' },
      }),
    );
    const [draft] = await routerInterface.run(httpTarget(HOST, server.port, false), checkContext());
    expect(evidenceIn(draft!.evidence, 'en')).toBe('Telekom Digitalisierungsbox (bintec) management interface at / (authentication realm, product markup)');
    expect(evidenceIn(draft!.evidence, 'de')).toBe('Verwaltungsoberfläche Telekom Digitalisierungsbox (bintec) unter / (Anmelde-Realm, Produktmerkmale im Seitenquelltext)');
  });

  it('fixed twin: the practice website that mentions its FRITZ!Box produces nothing', async () => {
    const site = '<html><head><title>Praxis Dr. Beispiel</title></head><body>Unser WLAN läuft über eine FRITZ!Box. <a href="https://avm.de">AVM</a></body></html>';
    const server = await track(startWebFixture(HOST, { '/': html(site) }));
    expect(await routerInterface.run(httpTarget(HOST, server.port, false), checkContext())).toEqual([]);
  });

  it('one signal is not enough: a title alone', async () => {
    const server = await track(startWebFixture(HOST, { '/': html('<html><head><title>FRITZ!Box Fan Club</title></head><body>hello</body></html>') }));
    expect(await routerInterface.run(httpTarget(HOST, server.port, false), checkContext())).toEqual([]);
  });

  it('never follows a redirect to another host', async () => {
    const server = await track(startWebFixture(HOST, { '/': { status: 302, headers: { Location: 'http://127.23.6.99/login.lua' }, body: '' } }));
    expect(await routerInterface.run(httpTarget(HOST, server.port, false), checkContext())).toEqual([]);
    expect(server.requests.map((r) => r.path)).toEqual(['/']);
  });
});
