import type tls from 'node:tls';
import { INCIDENTS } from '../incidents.js';
import type { Check, FindingDraft } from '../types.js';
import { certificateProblems, isPublicAddress } from './certificate.js';
import { tlsHandshake } from './handshake.js';

/**
 * tls.weak — a TLS service accepts outdated protocol versions (TLS 1.0/1.1) or presents a
 * certificate that a client cannot trust (expired, not yet valid, self-signed, not naming the
 * host). Logins and patient data over such a connection can be read or altered in transit.
 *
 * Proof: a completed handshake pinned to exactly TLS 1.0 (or 1.1) for the protocol finding; the
 * certificate of a normal handshake for the certificate findings. Self-signed and host-mismatch
 * are raised only on public addresses: inside a practice network they are normal (DESIGN.md §4).
 *
 * Sample evidence: "accepts TLSv1, TLSv1.1 (deprecated since RFC 8996)", "certificate expired on 2024-03-01",
 * in German "akzeptiert TLSv1, TLSv1.1 (seit RFC 8996 veraltet)", "Zertifikat am 2024-03-01 abgelaufen"
 */
const LEGACY: readonly tls.SecureVersion[] = ['TLSv1', 'TLSv1.1'];

export interface TlsWeakOptions {
  /** Where self-signed and host-mismatch count; tests pass their own to prove them on 127/8. */
  isPublicAddress?: (host: string) => boolean;
}

export function createTlsWeak(opts: TlsWeakOptions = {}): Check {
  const isPublic = opts.isPublicAddress ?? isPublicAddress;
  return {
    meta: {
      id: 'tls.weak',
      severity: 'medium',
      title: {
        de: 'Schwache TLS-Konfiguration (veraltetes Protokoll oder ungültiges Zertifikat)',
        en: 'Weak TLS configuration (outdated protocol or invalid certificate)',
      },
      description: {
        de: 'Der Dienst akzeptiert TLS 1.0/1.1 oder zeigt ein abgelaufenes, selbst signiertes oder nicht passendes Zertifikat. Verbindungen lassen sich so mitlesen oder umleiten.',
        en: 'The service accepts TLS 1.0/1.1 or presents an expired, self-signed or mismatching certificate, so connections can be read or redirected.',
      },
      remediation: {
        de: 'Nur TLS 1.2 und 1.3 zulassen (nginx: ssl_protocols TLSv1.2 TLSv1.3;). Ein gültiges Zertifikat einer vertrauenswürdigen Stelle für den tatsächlichen Namen einsetzen (z. B. Let’s Encrypt) und die Erneuerung automatisieren. Router- und Geräte-Firmware aktualisieren, wenn sie nichts anderes kann.',
        en: 'Allow only TLS 1.2 and 1.3 (nginx: ssl_protocols TLSv1.2 TLSv1.3;). Install a valid certificate from a trusted authority for the actual name (e.g. Let’s Encrypt) and automate renewal. Update router and device firmware when it cannot do better.',
      },
      cwe: [326, 295, 298],
      kbv: ['topic/encryption-in-transit'],
      incidents: [INCIDENTS.celle2019],
      intrusive: false,
    },

    appliesTo: (target) => target.service.tls,

    async run(target, ctx) {
      const base = { host: target.host, port: target.port, timeoutMs: ctx.timeoutMs, signal: ctx.signal };
      const normal = await tlsHandshake(base);
      if (!normal.ok) return [];
      const drafts: FindingDraft[] = [];

      const legacy: string[] = [];
      for (const version of LEGACY) {
        const pinned = await tlsHandshake({ ...base, minVersion: version, maxVersion: version });
        if (pinned.ok && pinned.protocol === version) legacy.push(version);
      }
      if (legacy.length > 0) {
        const versions = legacy.join(', ');
        const evidence = { de: `akzeptiert ${versions} (seit RFC 8996 veraltet)`, en: `accepts ${versions} (deprecated since RFC 8996)` };
        drafts.push({ evidence, personalData: false, key: 'protocol' });
      }

      if (normal.certificate) {
        const publicService = isPublic(target.host);
        for (const problem of certificateProblems(normal.certificate, target.host)) {
          if (!publicService && (problem.key === 'self-signed' || problem.key === 'host-mismatch')) continue;
          drafts.push({ evidence: problem.text, personalData: false, key: problem.key });
        }
      }
      return drafts;
    },
  };
}

export const tlsWeak: Check = createTlsWeak();
