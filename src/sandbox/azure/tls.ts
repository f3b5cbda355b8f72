// The certificate the sandbox serves HTTPS with. The Azure SDKs' bearer-token policy refuses plain
// http, so the Azure clouds listen on TLS with a certificate made at start for IP:127.0.0.1 (no
// openssl binary needed); clients trust it by passing the PEM as their CA.
import { generate } from 'selfsigned';

export interface SandboxCertificate {
  /** PEM of the self-signed certificate: the CA a client passes in `tlsOptions.ca`. */
  cert: string;
  /** PEM of its private key. */
  key: string;
}

export async function createSandboxCertificate(host = '127.0.0.1'): Promise<SandboxCertificate> {
  const now = Date.now();
  const ip = /^[\d.]+$/.test(host) || host.includes(':');
  const pems = await generate([{ name: 'commonName', value: 'mlmon sandbox' }], {
    // An EC key takes milliseconds where RSA 2048 can take a second.
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 3_600_000),
    notAfterDate: new Date(now + 30 * 24 * 3_600_000),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [ip ? { type: 7, ip: host } : { type: 2, value: host }, { type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}
