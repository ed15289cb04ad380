import { X509Certificate, createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSelfSignedCert } from '../../src/lab/self-signed-cert.js';

describe('createSelfSignedCert', () => {
  it('builds a v3 certificate that verifies with its own key, with the IPs as subjectAltName', () => {
    const { cert, key } = createSelfSignedCert('praxis-dokumente', ['127.13.9.1', '127.13.9.2'], 30);
    const x509 = new X509Certificate(cert);
    expect(x509.subject).toBe('CN=praxis-dokumente');
    expect(x509.issuer).toBe(x509.subject);
    expect(x509.subjectAltName).toBe('IP Address:127.13.9.1, IP Address:127.13.9.2');
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.checkPrivateKey(createPrivateKey(key))).toBe(true);
    const days = (Date.parse(x509.validTo) - Date.parse(x509.validFrom)) / 86_400_000;
    expect(days).toBeCloseTo(30, 0);
    expect(Date.parse(x509.validFrom)).toBeLessThan(Date.now());
  });

  it('makes a fresh key and serial every time', () => {
    const a = new X509Certificate(createSelfSignedCert('a').cert);
    const b = new X509Certificate(createSelfSignedCert('a').cert);
    expect(a.serialNumber).not.toBe(b.serialNumber);
    expect(a.fingerprint256).not.toBe(b.fingerprint256);
    expect(a.subjectAltName).toBeUndefined();
  });
});
