// @peculiar/x509 resolves algorithms through tsyringe, which needs a Reflect metadata polyfill first.
import 'reflect-metadata';
import { createPrivateKey, createPublicKey, KeyObject, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

// Reference: Istio's tools/certs/common.mk (variables, root-ca.conf, %/intermediate.conf) and
// Makefile.selfsigned.mk (root-ca and <cluster>-cacerts targets).

x509.cryptoProvider.set(webcrypto);

/** Validity of the root certificate in days (`ROOTCA_DAYS`). */
export const ROOT_DAYS = 3650;
/** Validity of an intermediate certificate in days (`INTERMEDIATE_DAYS`). */
export const INTERMEDIATE_DAYS = 730;
/** RSA modulus length of every key (`ROOTCA_KEYSZ`, `INTERMEDIATE_KEYSZ`). */
export const KEY_BITS = 4096;
/** The intermediate's subjectAltName: `DNS.1 = $(INTERMEDIATE_SAN_DNS)` of intermediate.conf. */
export const INTERMEDIATE_SAN_DNS = 'istiod.istio-system.svc';

/** keyUsage of root-ca.conf and intermediate.conf alike (critical; upstream sets no cRLSign). */
const CA_KEY_USAGE = x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation | x509.KeyUsageFlags.keyEncipherment | x509.KeyUsageFlags.keyCertSign;

const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
const DAY_MS = 86_400_000;

/** A CA: certificate and private key, as objects and as the text of their files. */
export interface CaMaterial {
  readonly cert: x509.X509Certificate;
  readonly privateKey: webcrypto.CryptoKey;
  /** The certificate in PEM, ending with a newline. */
  readonly certPem: string;
  /** The private key in PEM: PKCS#8 for keys made here, the file's text for a loaded root. */
  readonly keyPem: string;
}

/** Why an existing root CA cannot be used. */
export class CaError extends Error {
  override readonly name = 'CaError';
}

/** A new self-signed root CA, as `make -f Makefile.selfsigned.mk root-ca` makes it. */
export async function createRoot(): Promise<CaMaterial> {
  const keys = await generateKeys();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: distinguishedName([
      ['O', 'Istio'],
      ['CN', 'Root CA'],
    ]),
    keys,
    ...validity(ROOT_DAYS),
    signingAlgorithm: RSA_SHA256,
    extensions: [
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(CA_KEY_USAGE, true),
    ],
  });
  return material(cert, keys.privateKey);
}

/**
 * A new intermediate CA for `cluster`, signed by `root`, as `make -f Makefile.selfsigned.mk
 * <cluster>-cacerts` makes it (subject `O=Istio, CN=Intermediate CA, L=<cluster>`), plus an
 * authorityKeyIdentifier naming the root's key. The serial number is random and positive.
 */
export async function createIntermediate(root: CaMaterial, cluster: string): Promise<CaMaterial> {
  const keys = await generateKeys();
  const cert = await x509.X509CertificateGenerator.create({
    subject: distinguishedName([
      ['O', 'Istio'],
      ['CN', 'Intermediate CA'],
      ['L', cluster],
    ]),
    issuer: root.cert.subjectName,
    publicKey: keys.publicKey,
    signingKey: root.privateKey,
    ...validity(INTERMEDIATE_DAYS),
    signingAlgorithm: RSA_SHA256,
    extensions: [
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await authorityKeyIdentifier(root.cert),
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(CA_KEY_USAGE, true),
      new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: INTERMEDIATE_SAN_DNS }]),
    ],
  });
  return material(cert, keys.privateKey);
}

/** The `cert-chain.pem` of a cluster: its intermediate certificate, then the root's. */
export function chainPem(intermediate: CaMaterial, root: CaMaterial): string {
  return intermediate.certPem + root.certPem;
}

/**
 * An existing root CA, from the text of its certificate and key files. The key may be PKCS#8 or
 * PKCS#1 PEM (older `openssl genrsa` writes the latter). Throws {@link CaError} when either
 * does not parse, the key is not RSA or not the certificate's, or the certificate is not a CA
 * or has expired.
 */
export async function loadRoot(certPem: string, keyPem: string): Promise<CaMaterial> {
  const cert = parseCertificate(certPem);
  const key = parsePrivateKey(keyPem);
  if (key.asymmetricKeyType !== 'rsa') {
    throw new CaError(`the key is not an RSA key (found ${key.asymmetricKeyType ?? 'an unknown type'}, expected rsa)`);
  }
  const certKey = createPublicKey({ key: Buffer.from(cert.publicKey.rawData), format: 'der', type: 'spki' });
  if (!createPublicKey(key).equals(certKey)) {
    throw new CaError("the key does not belong to the certificate (found the private key of another key pair, expected the certificate's)");
  }
  if (!cert.getExtension(x509.BasicConstraintsExtension)?.ca) {
    throw new CaError('the certificate is not a CA (found no basicConstraints CA:true, expected a CA certificate)');
  }
  if (cert.notAfter.getTime() <= Date.now()) {
    throw new CaError(`the certificate has expired (found notAfter ${cert.notAfter.toISOString()}, expected a date to come)`);
  }
  const pkcs8 = key.export({ type: 'pkcs8', format: 'der' });
  const privateKey = await webcrypto.subtle.importKey('pkcs8', pkcs8, RSA_SHA256, false, ['sign']);
  return { cert, privateKey, certPem, keyPem };
}

function generateKeys(): Promise<webcrypto.CryptoKeyPair> {
  const params = { ...RSA_SHA256, modulusLength: KEY_BITS, publicExponent: new Uint8Array([1, 0, 1]) };
  return webcrypto.subtle.generateKey(params, true, ['sign', 'verify']);
}

/** A name whose attributes keep their order and are UTF8Strings (`utf8 = yes` upstream). */
function distinguishedName(attributes: ReadonlyArray<readonly [string, string]>): x509.Name {
  return new x509.Name(attributes.map(([type, value]) => ({ [type]: [{ utf8String: value }] })));
}

/** From now (whole seconds, as certificates store them) to `days` days later. */
function validity(days: number): { notBefore: Date; notAfter: Date } {
  const now = Math.floor(Date.now() / 1000) * 1000;
  return { notBefore: new Date(now), notAfter: new Date(now + days * DAY_MS) };
}

/** The root's subjectKeyIdentifier when it has one (a loaded root may), else its key's hash. */
async function authorityKeyIdentifier(root: x509.X509Certificate): Promise<x509.AuthorityKeyIdentifierExtension> {
  const keyId = root.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
  return keyId ? new x509.AuthorityKeyIdentifierExtension(keyId) : x509.AuthorityKeyIdentifierExtension.create(root.publicKey);
}

async function material(cert: x509.X509Certificate, privateKey: webcrypto.CryptoKey): Promise<CaMaterial> {
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', privateKey);
  return {
    cert,
    privateKey,
    certPem: `${cert.toString('pem')}\n`,
    keyPem: `${x509.PemConverter.encode(pkcs8, 'PRIVATE KEY')}\n`,
  };
}

function parseCertificate(pem: string): x509.X509Certificate {
  try {
    return new x509.X509Certificate(pem);
  } catch (error) {
    throw new CaError(`the certificate does not parse (found ${describe(error)}, expected a PEM certificate)`);
  }
}

function parsePrivateKey(pem: string): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch (error) {
    throw new CaError(`the key does not parse (found ${describe(error)}, expected an unencrypted PEM private key)`);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
