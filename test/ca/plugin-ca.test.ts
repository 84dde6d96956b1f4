// Before @peculiar/x509, which needs a Reflect metadata polyfill (see the module).
import 'reflect-metadata';
import { createPrivateKey, createPublicKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { CaError, CaMaterial, chainPem, createIntermediate, createRoot, INTERMEDIATE_DAYS, INTERMEDIATE_SAN_DNS, KEY_BITS, loadRoot, ROOT_DAYS } from '../../src/ca';

// RSA 4096 keys take about a second each, at times three: two keys for the whole file. Issuing
// from a loaded root is covered by test/cli/ca.test.ts (a second run adds a cluster).
jest.setTimeout(60_000);

const DAY_MS = 86_400_000;
// Everything Istio's root-ca.conf and intermediate.conf put in keyUsage.
const CA_KEY_USAGE = x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation | x509.KeyUsageFlags.keyEncipherment | x509.KeyUsageFlags.keyCertSign;

let root: CaMaterial;
let intermediate: CaMaterial;

beforeAll(async () => {
  root = await createRoot();
  intermediate = await createIntermediate(root, 'cluster1');
});

const node = (material: CaMaterial): X509Certificate => new X509Certificate(material.certPem);

function validityDays(cert: X509Certificate): number {
  return (Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / DAY_MS;
}

function extensions(material: CaMaterial): { basic: x509.BasicConstraintsExtension; keyUsage: x509.KeyUsagesExtension } {
  const cert = new x509.X509Certificate(material.certPem);
  const basic = cert.getExtension(x509.BasicConstraintsExtension);
  const keyUsage = cert.getExtension(x509.KeyUsagesExtension);
  if (!basic || !keyUsage) throw new Error('basicConstraints or keyUsage missing');
  return { basic, keyUsage };
}

function expectKeyMatches(material: CaMaterial): void {
  expect(material.keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END PRIVATE KEY-----\n$/);
  const key = createPrivateKey({ key: material.keyPem, format: 'pem', type: 'pkcs8' });
  expect(createPublicKey(key).equals(node(material).publicKey)).toBe(true);
}

function pemBlocks(pem: string): string[] {
  return pem.match(/-----BEGIN CERTIFICATE-----\n[^-]+-----END CERTIFICATE-----\n/g) ?? [];
}

describe('root CA', () => {
  test('is self-signed, O=Istio, CN=Root CA, RSA 4096 with SHA-256, valid 3650 days from now', () => {
    const cert = node(root);
    expect(cert.subject).toBe('O=Istio\nCN=Root CA');
    expect(cert.issuer).toBe(cert.subject);
    expect(cert.checkIssued(cert)).toBe(true);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.publicKey.asymmetricKeyDetails?.modulusLength).toBe(KEY_BITS);
    expect(new x509.X509Certificate(root.certPem).signatureAlgorithm).toMatchObject({ name: 'RSASSA-PKCS1-v1_5', hash: { name: 'SHA-256' } });
    expect(ROOT_DAYS).toBe(3650);
    expect(validityDays(cert)).toBe(ROOT_DAYS);
    expect(Math.abs(Date.parse(cert.validFrom) - Date.now())).toBeLessThan(120_000);
  });

  test('is a CA without path length, with the key usage of root-ca.conf, both critical', () => {
    expect(node(root).ca).toBe(true);
    const { basic, keyUsage } = extensions(root);
    expect([basic.ca, basic.pathLength, basic.critical]).toEqual([true, undefined, true]);
    expect([keyUsage.usages, keyUsage.critical]).toEqual([CA_KEY_USAGE, true]);
  });

  test('its PKCS#8 key belongs to its certificate', () => {
    expectKeyMatches(root);
  });
});

describe('intermediate CA', () => {
  test('O=Istio, CN=Intermediate CA, L=<cluster>, issued and signed by the root, valid 730 days', () => {
    const cert = node(intermediate);
    expect(cert.subject).toBe('O=Istio\nCN=Intermediate CA\nL=cluster1');
    expect(cert.issuer).toBe(node(root).subject);
    expect(cert.checkIssued(node(root))).toBe(true);
    expect(cert.verify(node(root).publicKey)).toBe(true);
    expect(cert.verify(cert.publicKey)).toBe(false);
    expect(cert.publicKey.asymmetricKeyDetails?.modulusLength).toBe(KEY_BITS);
    expect(INTERMEDIATE_DAYS).toBe(730);
    expect(validityDays(cert)).toBe(INTERMEDIATE_DAYS);
  });

  test('is a CA with pathlen 0, the key usage and subjectAltName of intermediate.conf', () => {
    expect(node(intermediate).ca).toBe(true);
    const { basic, keyUsage } = extensions(intermediate);
    expect([basic.ca, basic.pathLength, basic.critical]).toEqual([true, 0, true]);
    expect([keyUsage.usages, keyUsage.critical]).toEqual([CA_KEY_USAGE, true]);
    expect(node(intermediate).subjectAltName).toBe(`DNS:${INTERMEDIATE_SAN_DNS}`);
    expect(INTERMEDIATE_SAN_DNS).toBe('istiod.istio-system.svc');
  });

  test("its authority key identifier is the root's subject key identifier", () => {
    const ski = new x509.X509Certificate(root.certPem).getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
    const cert = new x509.X509Certificate(intermediate.certPem);
    expect(ski).toMatch(/^[0-9a-f]{40}$/);
    expect(cert.getExtension(x509.AuthorityKeyIdentifierExtension)?.keyId).toBe(ski);
    expect(cert.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId).toMatch(/^[0-9a-f]{40}$/);
  });

  test('serial numbers are positive and differ', () => {
    const serials = [root, intermediate].map((material) => node(material).serialNumber);
    for (const serial of serials) {
      expect(serial).toMatch(/^[0-9A-F]+$/);
      expect(BigInt(`0x${serial}`)).toBeGreaterThan(0n);
    }
    expect(new Set(serials).size).toBe(2);
  });

  test('its PKCS#8 key belongs to its certificate', () => {
    expectKeyMatches(intermediate);
  });

  test('cert-chain.pem is the intermediate, then the root', () => {
    const chain = chainPem(intermediate, root);
    expect(pemBlocks(chain)).toEqual([intermediate.certPem, root.certPem]);
    expect(chain).toBe(intermediate.certPem + root.certPem);
    const [first, second] = pemBlocks(chain).map((pem) => new X509Certificate(pem));
    expect(first.verify(second.publicKey)).toBe(true);
  });
});

describe('loadRoot', () => {
  test('returns the files as they are, and reads a PKCS#1 key too (older openssl genrsa)', async () => {
    const same = await loadRoot(root.certPem, root.keyPem);
    expect([same.certPem, same.keyPem]).toEqual([root.certPem, root.keyPem]);
    expect(same.cert.equal(root.cert)).toBe(true);
    const pkcs1 = createPrivateKey(root.keyPem).export({ type: 'pkcs1', format: 'pem' }).toString();
    expect(pkcs1).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    const loaded = await loadRoot(root.certPem, pkcs1);
    expect([loaded.certPem, loaded.keyPem]).toEqual([root.certPem, pkcs1]);
  });

  test.each([
    ['a key of another certificate', () => [root.certPem, intermediate.keyPem], /^the key does not belong to the certificate \(found/],
    ['text that is no certificate', () => ['not a certificate', root.keyPem], /^the certificate does not parse \(found .*, expected a PEM certificate\)$/],
    ['text that is no key', () => [root.certPem, 'not a key'], /^the key does not parse \(found .*, expected an unencrypted PEM private key\)$/],
    ['a key that is not RSA', () => [root.certPem, ecKeyPem()], /^the key is not an RSA key \(found ec, expected rsa\)$/],
  ])('refuses %s', async (_what, files, message) => {
    const [certPem, keyPem] = files();
    await expect(loadRoot(certPem, keyPem)).rejects.toThrow(CaError);
    await expect(loadRoot(certPem, keyPem)).rejects.toThrow(message);
  });

  test.each([
    ['a certificate that is not a CA', { extensions: [] }, /^the certificate is not a CA \(found no basicConstraints CA:true/],
    [
      'an expired certificate',
      { notBefore: new Date('2000-01-01'), notAfter: new Date('2010-01-01'), extensions: [new x509.BasicConstraintsExtension(true, undefined, true)] },
      /^the certificate has expired \(found notAfter 2010-01-01T00:00:00.000Z, expected a date to come\)$/,
    ],
  ])('refuses %s', async (_what, params, message) => {
    const publicKey = await new x509.X509Certificate(root.certPem).publicKey.export();
    const cert = await x509.X509CertificateGenerator.createSelfSigned({ name: 'O=Istio, CN=Root CA', keys: { publicKey, privateKey: root.privateKey }, ...params });
    await expect(loadRoot(`${cert.toString('pem')}\n`, root.keyPem)).rejects.toThrow(message);
  });
});

function ecKeyPem(): string {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}
