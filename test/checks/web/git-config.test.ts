import { describe, expect, it } from 'vitest';
import { evidenceIn } from '../../../src/checks/evidence.js';
import { gitConfig } from '../../../src/checks/web/git-config.js';
import { closeAfterEach } from '../../identify/tcp-fixtures.js';
import { checkContext, httpTarget } from '../context.js';
import { startWebFixture } from './web-fixture.js';

const HOST = '127.23.1.2';
const track = closeAfterEach();
const CONFIG = '[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n[remote "origin"]\n\turl = https://git.praxis.example/termine.git\n';
const HEAD = 'ref: refs/heads/main\n';
const TOKEN = 'glpat-synthetic0123456789';

describe('http.git-config', () => {
  it('reports .git/config and HEAD served as high', async () => {
    const server = await track(startWebFixture(HOST, { '/.git/config': { body: CONFIG }, '/.git/HEAD': { body: HEAD } }));
    expect(await gitConfig.run(httpTarget(HOST, server.port, false), checkContext())).toEqual([
      {
        severity: 'high',
        evidence: {
          de: '/.git/config ([core], 1 Remote) und /.git/HEAD (ref: refs/heads/…) ausgeliefert',
          en: '/.git/config ([core], 1 remote) and /.git/HEAD (ref: refs/heads/…) served',
        },
        personalData: false,
        key: '/.git/',
      },
    ]);
  });

  it('a remote URL with a password raises it to critical, the password masked', async () => {
    const config = CONFIG.replace('https://git.', `https://deploy:${TOKEN}@git.`);
    const server = await track(startWebFixture(HOST, { '/.git/config': { body: config }, '/.git/HEAD': { body: HEAD } }));
    const [draft] = await gitConfig.run(httpTarget(HOST, server.port, false), checkContext());
    expect(draft?.severity).toBe('critical');
    expect(evidenceIn(draft!.evidence, 'en')).toContain(`remote URL with password gl…(${TOKEN.length})`);
    expect(evidenceIn(draft!.evidence, 'de')).toContain(`Remote-URL mit Passwort gl…(${TOKEN.length})`);
    for (const lang of ['de', 'en'] as const) expect(evidenceIn(draft!.evidence, lang)).not.toContain(TOKEN);
  });

  it('one signal only (HEAD without config) stays at medium', async () => {
    const server = await track(startWebFixture(HOST, { '/.git/HEAD': { body: HEAD } }));
    const drafts = await gitConfig.run(httpTarget(HOST, server.port, false), checkContext());
    expect(drafts.map((d) => d.severity)).toEqual(['medium']);
    expect(evidenceIn(drafts[0]!.evidence, 'de')).toBe('/.git/HEAD (ref: refs/heads/…) ausgeliefert');
  });

  it('fixed twin: .git denied produces nothing', async () => {
    const server = await track(startWebFixture(HOST, { '/.git/config': { status: 403, body: 'Forbidden' }, '/.git/HEAD': { status: 403, body: 'Forbidden' } }));
    expect(await gitConfig.run(httpTarget(HOST, server.port, false), checkContext())).toEqual([]);
  });

  it.each([
    ['a git config', CONFIG],
    ['a HEAD ref', HEAD],
  ])('soft-404: a server that answers every path with %s produces nothing', async (_, body) => {
    const server = await track(startWebFixture(HOST, {}, { body }));
    expect(await gitConfig.run(httpTarget(HOST, server.port, false), checkContext())).toEqual([]);
  });
});
