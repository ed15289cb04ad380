import { INCIDENTS } from '../incidents.js';
import type { Localized } from '../../core/types.js';
import { counted, joinBoth, same, type Noun } from '../evidence.js';
import { maskSecret } from '../mask.js';
import type { HttpReply } from '../http-client.js';
import type { Check } from '../types.js';
import { firstGenuinePage } from './genuine-page.js';

/**
 * http.git-config — the web root is a git working copy and its .git folder is served. Whoever
 * reads it can usually rebuild the application's source, configuration and history, often
 * with credentials (remote URLs with tokens, committed .env files).
 *
 * Proof, two independent requests: /.git/config with a [core] section AND /.git/HEAD with
 * "ref: refs/heads/…" (or a bare commit id), each not reproduced by a random sibling path.
 * Only one of the two → medium. A remote URL with user:password@ → critical, masked.
 *
 * Sample evidence: "/.git/config ([core], 1 remote) and /.git/HEAD (ref: refs/heads/…) served", in
 * German "/.git/config ([core], 1 Remote) und /.git/HEAD (ref: refs/heads/…) ausgeliefert"
 */
const REMOTE: Noun = { de: ['Remote', 'Remotes'], en: ['remote', 'remotes'] };

interface GitConfig {
  remotes: number;
  credentialUrls: string[];
}

export function readGitConfig(reply: HttpReply): GitConfig | null {
  const text = reply.body.toString('utf8');
  if (!/^\s*\[core\]\s*$/m.test(text) || !/^\s*(?:repositoryformatversion|bare|filemode)\s*=/m.test(text)) return null;
  const remotes = text.match(/^\s*\[remote "[^"\r\n]*"\]\s*$/gm)?.length ?? 0;
  const credentialUrls = [...text.matchAll(/^\s*url\s*=\s*[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:([^/\s@]+)@/gim)].map((m) => m[1] ?? '');
  return { remotes, credentialUrls };
}

export function readGitHead(reply: HttpReply): true | null {
  const text = reply.body.toString('latin1').slice(0, 512).trim();
  return /^ref: refs\/[\w./-]{1,200}$/.test(text) || /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(text) ? true : null;
}

export const gitConfig: Check = {
  meta: {
    id: 'http.git-config',
    severity: 'high',
    title: {
      de: 'Git-Verzeichnis (.git) der Webanwendung öffentlich abrufbar',
      en: 'Git directory (.git) of the web application publicly readable',
    },
    description: {
      de: 'Der Webserver liefert Dateien aus dem .git-Verzeichnis aus. Daraus lassen sich Quelltext, Konfiguration und oft Zugangsdaten rekonstruieren.',
      en: 'The web server serves files from the .git directory. Source code, configuration and often credentials can be rebuilt from it.',
    },
    remediation: {
      de: 'Zugriff auf .git und alle Punktdateien im Webserver sperren oder nur das Build-Ergebnis ohne .git ausliefern. In der Historie enthaltene Zugangsdaten ändern.',
      en: 'Deny access to .git and all dot files in the web server, or deploy only the build output without .git. Rotate credentials contained in the history.',
    },
    cwe: [527, 538],
    kbv: ['topic/access-control'],
    incidents: [INCIDENTS.dubidoc2022],
    intrusive: false,
  },

  appliesTo: (target) => target.service.name === 'http',

  async run(target, ctx) {
    const config = await firstGenuinePage(target, ctx, ['/.git/config'], readGitConfig, 16 * 1024);
    const head = await firstGenuinePage(target, ctx, ['/.git/HEAD'], readGitHead, 1024);
    if (!config && !head) return [];
    const parts: Localized[] = [];
    if (config) {
      const remotes = counted(config.page.remotes, REMOTE);
      parts.push({ de: `/.git/config ([core], ${remotes.de})`, en: `/.git/config ([core], ${remotes.en})` });
    }
    if (head) parts.push(same('/.git/HEAD (ref: refs/heads/…)'));
    const served = joinBoth(parts, { de: ' und ', en: ' and ' });
    const secrets = config?.page.credentialUrls ?? [];
    const masked = secrets.map(maskSecret).join(', ');
    return [
      {
        severity: secrets.length > 0 && head ? 'critical' : config && head ? 'high' : 'medium',
        evidence: {
          de: `${served.de} ausgeliefert${masked ? `; Remote-URL mit Passwort ${masked}` : ''}`,
          en: `${served.en} served${masked ? `; remote URL with password ${masked}` : ''}`,
        },
        personalData: false,
        key: '/.git/',
      },
    ];
  },
};
