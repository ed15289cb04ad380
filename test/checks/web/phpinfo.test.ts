import { describe, expect, it } from 'vitest';
import { evidenceIn } from '../../../src/checks/evidence.js';
import { phpinfo } from '../../../src/checks/web/phpinfo.js';
import { closeAfterEach } from '../../identify/tcp-fixtures.js';
import { checkContext, httpTarget } from '../context.js';
import { phpinfoHtml } from './phpinfo-html.js';
import { html, startWebFixture } from './web-fixture.js';

const HOST = '127.23.1.3';
const track = closeAfterEach();
const PASSWORD = 'synthetic-mail-pass-77';

describe('http.phpinfo', () => {
  it('reports phpinfo at medium when the environment holds no secrets', async () => {
    const server = await track(startWebFixture(HOST, { '/info.php': html(phpinfoHtml({ PATH: '/usr/bin', APP_ENV: 'prod' })) }));
    expect(await phpinfo.run(httpTarget(HOST, server.port, false), checkContext())).toEqual([
      { severity: 'medium', evidence: { de: '/info.php: phpinfo() von PHP 8.2.36', en: '/info.php: phpinfo() of PHP 8.2.36' }, personalData: false, key: '/info.php' },
    ]);
  });

  it('raises to critical when the environment shows credentials, masked', async () => {
    const page = phpinfoHtml({ MAILER_PASSWORD: PASSWORD, HOME: '/var/www' });
    const server = await track(startWebFixture(HOST, { '/phpinfo.php': html(page) }));
    const [draft] = await phpinfo.run(httpTarget(HOST, server.port, false), checkContext());
    expect(draft).toMatchObject({ severity: 'critical', key: '/phpinfo.php' });
    expect(evidenceIn(draft!.evidence, 'en')).toBe(`/phpinfo.php: phpinfo() of PHP 8.2.36; environment shows 1 secret: MAILER_PASSWORD=sy…(${PASSWORD.length})`);
    expect(evidenceIn(draft!.evidence, 'de')).toBe(`/phpinfo.php: phpinfo() von PHP 8.2.36; in der Umgebung 1 geheimer Wert: MAILER_PASSWORD=sy…(${PASSWORD.length})`);
  });

  it('fixed twin: no phpinfo page, nothing reported', async () => {
    const server = await track(startWebFixture(HOST, { '/': html('<html><title>Praxis</title></html>') }));
    expect(await phpinfo.run(httpTarget(HOST, server.port, false), checkContext())).toEqual([]);
  });

  it('a page merely mentioning "PHP Version" is not phpinfo (one marker only)', async () => {
    const server = await track(startWebFixture(HOST, { '/info.php': html('<html><body><p>PHP Version 8 is required</p></body></html>') }));
    expect(await phpinfo.run(httpTarget(HOST, server.port, false), checkContext())).toEqual([]);
  });

  it('soft-404: phpinfo answered for every path produces nothing', async () => {
    const server = await track(startWebFixture(HOST, {}, html(phpinfoHtml({ DB_PASSWORD: PASSWORD }))));
    expect(await phpinfo.run(httpTarget(HOST, server.port, false), checkContext())).toEqual([]);
  });
});
