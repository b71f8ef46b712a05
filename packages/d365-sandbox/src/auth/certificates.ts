import 'reflect-metadata';
import { createHash, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

// @peculiar/x509 needs a WebCrypto provider; node's built-in one keeps it offline and native.
x509.cryptoProvider.set(webcrypto as never);

const ALG = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};
const DAY = 86400000;

/** A certificate with its private key, PEM encoded. */
export interface CertificateBundle {
  certPem: string;
  privateKeyPem: string;
  /** SHA-1 thumbprint, hex upper-case (the x5t form). */
  thumbprint: string;
  /** SHA-256 thumbprint, hex upper-case (what msal-node's thumbprintSha256 expects). */
  thumbprintSha256: string;
}

async function keyPem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  return `-----BEGIN PRIVATE KEY-----\n${der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trim()}\n-----END PRIVATE KEY-----\n`;
}

async function bundle(cert: x509.X509Certificate, key: CryptoKey): Promise<CertificateBundle> {
  const der = Buffer.from(cert.rawData);
  return {
    certPem: cert.toString('pem'),
    privateKeyPem: await keyPem(key),
    thumbprint: createHash('sha1').update(der).digest('hex').toUpperCase(),
    thumbprintSha256: createHash('sha256').update(der).digest('hex').toUpperCase(),
  };
}

const generateKeys = async (): Promise<CryptoKeyPair> =>
  (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as unknown as CryptoKeyPair;

/** A self-signed CA and a server certificate for 127.0.0.1/localhost signed by it; nothing downloaded. */
export async function generateTlsCertificates(
  hosts: string[],
): Promise<{ ca: CertificateBundle; server: CertificateBundle }> {
  const caKeys = await generateKeys();
  const now = Date.now();
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=Flowline D365 Sandbox CA',
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 365 * DAY),
    keys: caKeys,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const serverKeys = await generateKeys();
  const serverCert = await x509.X509CertificateGenerator.create({
    serialNumber: '02',
    subject: 'CN=127.0.0.1',
    issuer: caCert.subject,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 365 * DAY),
    signingKey: caKeys.privateKey,
    publicKey: serverKeys.publicKey,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
        true,
      ),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
      new x509.SubjectAlternativeNameExtension(
        hosts.map((h) =>
          /^[\d.]+$/.test(h) ? { type: 'ip' as const, value: h } : { type: 'dns' as const, value: h },
        ),
      ),
      await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  return {
    ca: await bundle(caCert, caKeys.privateKey),
    server: await bundle(serverCert, serverKeys.privateKey),
  };
}

/** A self-signed client certificate for the certificate-based client credentials flow. */
export async function generateClientCertificate(
  commonName = 'flowline-demo-cert',
): Promise<CertificateBundle> {
  const keys = await generateKeys();
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '03',
    name: `CN=${commonName}`,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 365 * DAY),
    keys,
    signingAlgorithm: ALG,
  });
  return bundle(cert, keys.privateKey);
}
