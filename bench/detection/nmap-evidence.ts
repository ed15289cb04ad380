/**
 * Reads nmap's XML (-oX) and decides, per catalogue check, whether nmap's own output proves the
 * same exposure. The rules look only at what nmap printed; where nmap prints facts but draws no
 * conclusion (capabilities, protocol lists, certificate dates) the rule says which facts count.
 * Checks without any matching NSE script have no rule: nmap cannot report them.
 */

export interface NmapPort {
  host: string;
  port: number;
  state: string;
  service: string;
  product: string;
  /** "probed" when -sV recognised the reply, "table" when nmap only guessed from the port number. */
  method: string;
  scripts: Map<string, string>;
}

export interface NmapScan {
  ports: NmapPort[];
  /** Host scripts (smb-enum-shares runs as one) by address. */
  hostScripts: Map<string, Map<string, string>>;
}

/** The NSE scripts the bench runs: the ones that match an exposure of the catalogue. */
export const NSE_SCRIPTS = [
  'ftp-anon', 'http-enum', 'http-git', 'http-ls', 'mysql-empty-password', 'redis-info', 'memcached-info', 'vnc-info',
  'rdp-enum-encryption', 'smb-enum-shares', 'ssl-enum-ciphers', 'ssl-cert', 'dicom-ping', 'imap-capabilities', 'pop3-capabilities',
] as const;

const ENTITIES: Record<string, string> = { quot: '"', lt: '<', gt: '>', amp: '&', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });
}

const attr = (tag: string, name: string): string => decode(new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1] ?? '');

function scriptsIn(block: string): Map<string, string> {
  const scripts = new Map<string, string>();
  for (const m of block.matchAll(/<script\s[^>]*>/g)) scripts.set(attr(m[0], 'id'), attr(m[0], 'output'));
  return scripts;
}

export function parseNmapXml(xml: string): NmapScan {
  const scan: NmapScan = { ports: [], hostScripts: new Map() };
  for (const [, hostBlock = ''] of xml.matchAll(/<host[\s>]([\s\S]*?)<\/host>/g)) {
    const host = attr(/<address [^>]*addrtype="ipv4"[^>]*>/.exec(hostBlock)?.[0] ?? '', 'addr');
    for (const [, head = '', body = ''] of hostBlock.matchAll(/<port (protocol="tcp" portid="\d+")>([\s\S]*?)<\/port>/g)) {
      const serviceTag = /<service [^>]*>/.exec(body)?.[0] ?? '';
      scan.ports.push({
        host,
        port: Number(attr(head, 'portid')),
        state: attr(/<state [^>]*>/.exec(body)?.[0] ?? '', 'state'),
        service: attr(serviceTag, 'name'),
        product: attr(serviceTag, 'product'),
        method: attr(serviceTag, 'method'),
        scripts: scriptsIn(body),
      });
    }
    const hostScript = /<hostscript>([\s\S]*?)<\/hostscript>/.exec(hostBlock)?.[1];
    if (hostScript) scan.hostScripts.set(host, scriptsIn(hostScript));
  }
  return scan;
}

interface Rule {
  scripts: string;
  /** A short quote of nmap's output that proves the exposure, or undefined. */
  proves(port: NmapPort, hostScripts: Map<string, string>, key?: string): string | undefined;
}

const quote = (output: string | undefined, pattern: RegExp): string | undefined => {
  const m = output === undefined ? null : pattern.exec(output);
  return m ? m[0].trim().replace(/\s+/g, ' ').slice(0, 90) : undefined;
};
const enumLine = (p: NmapPort, pattern: RegExp): string | undefined =>
  quote(p.scripts.get('http-enum'), new RegExp(`^.*${pattern.source}.*$`, 'm'));

/** smb-enum-shares: a share other than IPC$ whose block says "Anonymous access: READ". */
function anonymousShare(output: string | undefined): string | undefined {
  if (!output) return undefined;
  for (const block of output.split(/\n(?=\s*\\\\)/)) {
    const name = /\\\\[^\\\s]+\\([^:\s]+):/.exec(block)?.[1];
    if (name && name !== 'IPC$' && /Anonymous access: READ/.test(block)) return `\\\\…\\${name}: Anonymous access: READ`;
  }
  return undefined;
}

/** ssl-cert prints "Not valid after:  2026-01-01T00:00:00"; expired when that lies in the past. */
function expiredCert(output: string | undefined): string | undefined {
  const after = output ? /Not valid after:\s*(\S+)/.exec(output)?.[1] : undefined;
  return after && Date.parse(after.endsWith('Z') ? after : `${after}Z`) < Date.now() ? `Not valid after: ${after}` : undefined;
}

/** imap/pop3-capabilities list what the server offers; plaintext login = a password method and neither STARTTLS nor LOGINDISABLED. */
function plaintextLogin(p: NmapPort): string | undefined {
  const imap = p.scripts.get('imap-capabilities');
  if (imap !== undefined) return /\b(LOGINDISABLED|STARTTLS)\b/.test(imap) || !/AUTH=PLAIN|AUTH=LOGIN|IMAP4rev1/.test(imap) ? undefined : `imap-capabilities: ${imap.trim().slice(0, 70)}`;
  const pop3 = p.scripts.get('pop3-capabilities');
  if (pop3 !== undefined) return /\bSTLS\b/.test(pop3) || !/\bUSER\b|SASL\(?[^)]*PLAIN/.test(pop3) ? undefined : `pop3-capabilities: ${pop3.trim().slice(0, 70)}`;
  return undefined;
}

/** Rules by praxiswache check id; a missing id means nmap has no script that could report it. */
export const NMAP_RULES: Record<string, Rule> = {
  'ftp.anonymous': { scripts: 'ftp-anon', proves: (p) => quote(p.scripts.get('ftp-anon'), /Anonymous FTP login allowed[^\n]*/) },
  'db.mysql.no-auth': { scripts: 'mysql-empty-password', proves: (p) => quote(p.scripts.get('mysql-empty-password'), /[^\n]*has empty password/) },
  'db.redis.no-auth': { scripts: 'redis-info', proves: (p) => quote(p.scripts.get('redis-info'), /Version[^\n]*/) },
  'db.memcached.open': { scripts: 'memcached-info', proves: (p) => quote(p.scripts.get('memcached-info'), /(Process ID|Uptime)[^\n]*/) },
  'vnc.no-auth': { scripts: 'vnc-info', proves: (p) => quote(p.scripts.get('vnc-info'), /None \(1\)/) },
  'rdp.exposed': {
    scripts: '-sV, rdp-enum-encryption',
    proves: (p) => (p.service === 'ms-wbt-server' && p.method === 'probed' ? `-sV: ms-wbt-server ${p.product}`.trim() : quote(p.scripts.get('rdp-enum-encryption'), /Security layer[^\n]*/)),
  },
  'telnet.exposed': { scripts: '-sV', proves: (p) => (p.service === 'telnet' && p.method === 'probed' ? `-sV: telnet ${p.product}`.trim() : undefined) },
  'smb.guest-share': { scripts: 'smb-enum-shares', proves: (_p, host) => anonymousShare(host.get('smb-enum-shares')) },
  'dicom.open-association': { scripts: 'dicom-ping', proves: (p) => quote(p.scripts.get('dicom-ping'), /Any AET is accepted[^\n]*/) },
  'mail.plaintext-auth': { scripts: 'imap-/pop3-capabilities (read by the bench)', proves: plaintextLogin },
  'tls.weak': {
    scripts: 'ssl-enum-ciphers, ssl-cert (read by the bench)',
    proves: (p, _h, key) => {
      const protocol = quote(p.scripts.get('ssl-enum-ciphers'), /TLSv1\.[01]:/);
      const expired = expiredCert(p.scripts.get('ssl-cert'));
      if (key === 'protocol') return protocol;
      if (key === 'expired') return expired;
      return protocol ?? expired;
    },
  },
  'http.git-config': { scripts: 'http-git, http-enum', proves: (p) => quote(p.scripts.get('http-git'), /Git repository found[^\n]*/) ?? enumLine(p, /\/\.git\//) },
  'http.phpinfo': { scripts: 'http-enum', proves: (p) => enumLine(p, /(info|phpinfo)\.php/) },
  'http.env-file': { scripts: 'http-enum', proves: (p) => enumLine(p, /\/\.env/) },
  'http.debug-endpoint': { scripts: 'http-enum', proves: (p) => enumLine(p, /(server-status|nginx_status|actuator)/) },
  'http.document-listing': {
    scripts: 'http-ls, http-enum',
    proves: (p) => quote(p.scripts.get('http-ls'), /Volume [^\n]*/) ?? enumLine(p, /w\/ listing/),
  },
  'http.symfony-profiler': { scripts: 'http-enum', proves: (p) => enumLine(p, /_profiler/) },
};

/** What nmap proves for one check on one peer's ports (first proof wins). */
export function nmapProof(scan: NmapScan, host: string, ports: readonly number[], check: string, key?: string): string | undefined {
  const rule = NMAP_RULES[check];
  if (!rule) return undefined;
  const hostScripts = scan.hostScripts.get(host) ?? new Map<string, string>();
  for (const p of scan.ports) {
    if (p.host !== host || !ports.includes(p.port) || p.state !== 'open') continue;
    const proof = rule.proves(p, hostScripts, key);
    if (proof) return proof;
  }
  return undefined;
}
