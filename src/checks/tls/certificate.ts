import type { X509Certificate } from 'node:crypto';
import net from 'node:net';
import type { Localized } from '../../core/types.js';

/**
 * What is wrong with a server certificate, judged the way a browser would without trusting
 * anything: validity period, self-signature, and whether it names the address or host asked.
 */
export interface CertificateProblem {
  key: 'expired' | 'not-yet-valid' | 'self-signed' | 'host-mismatch';
  text: Localized;
}

export function certificateProblems(cert: X509Certificate, host: string, now = new Date()): CertificateProblem[] {
  const problems: CertificateProblem[] = [];
  const validTo = new Date(cert.validTo);
  const validFrom = new Date(cert.validFrom);
  const day = (d: Date): string => d.toISOString().slice(0, 10);
  if (!(validTo.getTime() > now.getTime())) {
    const text = Number.isNaN(validTo.getTime())
      ? { de: 'Zertifikat abgelaufen (Ablaufdatum unlesbar)', en: 'certificate expired on an unreadable date' }
      : { de: `Zertifikat am ${day(validTo)} abgelaufen`, en: `certificate expired on ${day(validTo)}` };
    problems.push({ key: 'expired', text });
  }
  // A date in the future is a readable date.
  if (validFrom.getTime() > now.getTime()) {
    problems.push({ key: 'not-yet-valid', text: { de: `Zertifikat erst ab ${day(validFrom)} gültig`, en: `certificate valid only from ${day(validFrom)}` } });
  }
  if (isSelfSigned(cert)) problems.push({ key: 'self-signed', text: { de: 'selbst signiertes Zertifikat', en: 'self-signed certificate' } });
  if (!namesHost(cert, host)) problems.push({ key: 'host-mismatch', text: { de: `Zertifikat ist nicht auf ${host} ausgestellt`, en: `certificate does not name ${host}` } });
  return problems;
}

function isSelfSigned(cert: X509Certificate): boolean {
  try {
    return cert.subject === cert.issuer && cert.checkIssued(cert) && cert.verify(cert.publicKey);
  } catch {
    return false;
  }
}

function namesHost(cert: X509Certificate, host: string): boolean {
  return net.isIP(host) ? cert.checkIP(host) !== undefined : cert.checkHost(host) !== undefined;
}

/**
 * Addresses where a self-signed certificate or one without the address in it is normal: the
 * practice network itself (RFC 1918, loopback, link-local, CGNAT, IPv6 ULA and link-local).
 * DESIGN.md §4 raises these only on public services.
 */
export function isPublicAddress(host: string): boolean {
  if (net.isIPv4(host)) {
    const [a = 0, b = 0] = host.split('.').map(Number);
    return !(a === 10 || a === 127 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127));
  }
  if (net.isIPv6(host)) return !/^(?:::1?$|f[cd]|fe[89ab])/i.test(host);
  // A host name was asked for: it is meant to be reached by name, so it is public.
  return true;
}
