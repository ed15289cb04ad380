/**
 * Management interfaces of routers and firewalls common in German practices, as data. A
 * signature needs its product mark (page title or Basic-auth realm) AND a second, independent
 * marker from the rest of the page (a product-specific script, asset path or form field), so a
 * practice's website that merely mentions "FRITZ!Box" is never taken for one.
 */
import type { Localized } from '../../core/types.js';

export interface RouterSignature {
  product: string;
  /** Tested against the <title> text and the WWW-Authenticate realm. */
  mark: RegExp;
  /** Tested against the page with its <title> removed. */
  second: RegExp;
}

export const ROUTER_SIGNATURES: readonly RouterSignature[] = [
  { product: 'AVM FRITZ!Box', mark: /FRITZ!Box/i, second: /FRITZ!OS|\/login\.lua|\/xhr\.lua|avm\.de|data-fritz|fritzbox/i },
  { product: 'Telekom Digitalisierungsbox (bintec)', mark: /Digitalisierungsbox/i, second: /bintec|be\.IP|\/cgi-bin\/|funkwerk|Telekom/i },
  { product: 'bintec elmeg', mark: /bintec|elmeg/i, second: /be\.IP|\/cgi-bin\/|funkwerk|elmeg|bintec-elmeg/i },
  { product: 'Telekom Speedport', mark: /Speedport/i, second: /\/html\/login\/|speedport|telekom/i },
  { product: 'LANCOM', mark: /LANCOM/i, second: /LCOS|lancom-systems|\/config\/|WEBconfig/i },
  { product: 'Sophos UTM/Firewall', mark: /Sophos/i, second: /webadmin|userportal|XG Firewall|Sophos Firewall|UTM/i },
  { product: 'pfSense', mark: /pfSense/i, second: /usernamefld|__csrf_magic|Netgate/i },
  { product: 'OPNsense', mark: /OPNsense/i, second: /usernamefld|__csrf_magic|opnsense/i },
  { product: 'DrayTek Vigor', mark: /DrayTek|Vigor/i, second: /draytek|vigor|\/cgi-bin\/wlogin\.cgi|aValue/i },
  { product: 'Zyxel', mark: /Zyxel|ZyWALL|USG FLEX/i, second: /zyxel|zywall|weblogin\.cgi/i },
  { product: 'MikroTik RouterOS', mark: /RouterOS|MikroTik/i, second: /webfig|mikrotik/i },
  { product: 'Fortinet FortiGate', mark: /FortiGate|Fortinet/i, second: /ftnt|fortinet|\/remote\/login/i },
];

const PASSWORD_FIELD = /<input[^>]{0,300}type\s*=\s*["']?password/i;

/** What was seen, for the evidence. */
const SIGNAL = {
  title: { de: 'Seitentitel', en: 'page title' },
  realm: { de: 'Anmelde-Realm', en: 'authentication realm' },
  markup: { de: 'Produktmerkmale im Seitenquelltext', en: 'product markup' },
  loginForm: { de: 'Anmeldeformular', en: 'login form' },
} as const satisfies Record<string, Localized>;

export interface RouterMatch {
  product: string;
  signals: Localized[];
}

/** The first signature whose product mark and second marker (or a login form) are present. */
export function matchRouter(html: string, realm: string): RouterMatch | null {
  const title = /<title[^>]*>([^<]{0,200})<\/title>/i.exec(html)?.[1] ?? '';
  const rest = html.replace(/<title[^>]*>[^<]{0,200}<\/title>/gi, '');
  for (const sig of ROUTER_SIGNATURES) {
    const marks: Localized[] = [];
    if (sig.mark.test(title)) marks.push(SIGNAL.title);
    if (realm !== '' && sig.mark.test(realm)) marks.push(SIGNAL.realm);
    if (marks.length === 0) continue;
    const signals = [...marks];
    if (sig.second.test(rest)) signals.push(SIGNAL.markup);
    if (PASSWORD_FIELD.test(rest)) signals.push(SIGNAL.loginForm);
    if (signals.length >= 2) return { product: sig.product, signals };
  }
  return null;
}
