import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { KUSTOMIZATION_FILE } from '../output/paths';
import { CaMaterial, chainPem } from './plugin-ca';

/** The root certificate in the CA folder (and its copy in each cluster's folder). */
export const ROOT_CERT_FILE = 'root-cert.pem';
/** The root's private key in the CA folder. */
export const ROOT_KEY_FILE = 'root-key.pem';
/** The root's files in the CA folder, named as Istio's Makefile.selfsigned.mk names them. */
export const ROOT_FILE_NAMES = [ROOT_CERT_FILE, ROOT_KEY_FILE] as const;

/** The four files of the `cacerts` Secret, named as istiod reads them. */
export const SECRET_FILE_NAMES = ['ca-cert.pem', 'ca-key.pem', ROOT_CERT_FILE, 'cert-chain.pem'] as const;

/** Everything in a cluster's folder: the Secret's files and the kustomization that makes it. */
export const CLUSTER_FILE_NAMES = [...SECRET_FILE_NAMES, KUSTOMIZATION_FILE] as const;

/** The Secret istiod takes its CA from when it starts. */
export const CACERTS_SECRET = { name: 'cacerts', namespace: 'istio-system' } as const;

/** Mode of a private key file: readable by its owner only. */
export const KEY_FILE_MODE = 0o600;
/** Mode of the other files. */
export const FILE_MODE = 0o644;
/** Mode of the folders this module creates. */
export const DIR_MODE = 0o700;

/** A file to create: its name in its folder, its text and its mode. */
export interface NewFile {
  readonly name: string;
  readonly content: string;
  readonly mode: number;
}

/** {@link ROOT_CERT_FILE} and {@link ROOT_KEY_FILE} of the CA folder. */
export function rootFiles(root: CaMaterial): NewFile[] {
  return [
    { name: ROOT_CERT_FILE, content: root.certPem, mode: FILE_MODE },
    { name: ROOT_KEY_FILE, content: root.keyPem, mode: KEY_FILE_MODE },
  ];
}

/** The files of a cluster's folder, in the order of {@link CLUSTER_FILE_NAMES}. */
export function clusterFiles(intermediate: CaMaterial, root: CaMaterial): NewFile[] {
  return [
    { name: 'ca-cert.pem', content: intermediate.certPem, mode: FILE_MODE },
    { name: 'ca-key.pem', content: intermediate.keyPem, mode: KEY_FILE_MODE },
    { name: ROOT_CERT_FILE, content: root.certPem, mode: FILE_MODE },
    { name: 'cert-chain.pem', content: chainPem(intermediate, root), mode: FILE_MODE },
    { name: KUSTOMIZATION_FILE, content: cacertsKustomization(), mode: FILE_MODE },
  ];
}

/**
 * A kustomization whose secretGenerator turns its folder's files into the `cacerts` Secret of
 * `istio-system`, under that exact name, for `kubectl apply --server-side -k <folder>`.
 */
export function cacertsKustomization(): string {
  return stringify({
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    generatorOptions: { disableNameSuffixHash: true },
    secretGenerator: [{ ...CACERTS_SECRET, type: 'Opaque', files: [...SECRET_FILE_NAMES] }],
  });
}

/** Those of `names` that exist in `dir` (as anything, even a dangling link); none when `dir` does not exist. */
export function presentFiles(dir: string, names: readonly string[]): string[] {
  return names.filter((name) => fs.lstatSync(path.join(dir, name), { throwIfNoEntry: false }) !== undefined);
}

/**
 * Creates `dir` if needed (mode {@link DIR_MODE}, parents too), then each file, and returns
 * their paths. Never replaces a file: one that exists is an error. Each file is created with its
 * mode, so a key is never readable by others, not even for a moment; the umask may have
 * narrowed that mode, which is restored before anything is written.
 */
export function writeNewFiles(dir: string, files: readonly NewFile[]): string[] {
  fs.mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  return files.map((file) => {
    const target = path.join(dir, file.name);
    const fd = fs.openSync(target, 'wx', file.mode);
    try {
      fs.fchmodSync(fd, file.mode);
      fs.writeFileSync(fd, file.content);
    } finally {
      fs.closeSync(fd);
    }
    return target;
  });
}
