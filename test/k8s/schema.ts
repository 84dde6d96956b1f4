/**
 * Schema validation of emitted Kubernetes objects, for every test under test/k8s.
 *
 * `validateObject(obj)` checks one object (as synthesized: plain JSON) against the upstream
 * schema of its apiVersion/kind and throws when it does not conform, or when no schema is
 * known for that apiVersion/kind (so nothing escapes validation):
 *
 * | apiVersion group | schema |
 * |---|---|
 * | core, `apps`, `rbac.authorization.k8s.io`, other `*.k8s.io` | `kubernetes-models` |
 * | `networking.istio.io`, `security.istio.io` | `@kubernetes-models/istio` **and** the Istio CRD (`crds/istio/crd-all.gen.yaml`, the input of imports/) |
 * | `gateway.networking.k8s.io` | `@kubernetes-models/gateway-api` **and** the v1.2.1 standard CRDs |
 * | `cloud.google.com`, `net.gke.io`, `networking.gke.io` | `@kubernetes-models/gke` and/or the CRDs in `crds/gke/` |
 * | `networking.gke.io` MultiClusterIngress / MultiClusterService | the hand-written stub CRDs in `crds/gke-stubs-NOT-UPSTREAM/` only |
 *
 * CRD schemas are checked with ajv after closing every object schema that the API server would
 * prune (properties listed, no `x-kubernetes-preserve-unknown-fields`), so a misspelt or
 * undeclared field fails instead of vanishing on apply. Every object also needs
 * `apiVersion`, `kind` and a DNS-style `metadata.name`.
 *
 * The ESM-only schema packages cannot be `require`d inside Jest on Node < 24.9, so the checks
 * run in a worker thread (test/k8s/schema-worker.mjs) that this module calls synchronously
 * (SharedArrayBuffer + Atomics.wait + receiveMessageOnPort). One worker per test file, started
 * on first use and unref'ed.
 *
 * The CRD folder is the project's `crds/` (vendored upstream files, see `crds/SOURCES.md`), or
 * `$MESHFLEET_CRDS_DIR`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MessageChannel, MessagePort, Worker, receiveMessageOnPort } from 'node:worker_threads';

/** Where the CRD files (inputs of imports/ and the MCI/MCS stubs) live. */
export const CRDS_DIR = process.env.MESHFLEET_CRDS_DIR ?? path.resolve(__dirname, '..', '..', 'crds');

// Without the CRD files every CRD-backed object would go unchecked: refuse to run instead.
if (!fs.existsSync(path.join(CRDS_DIR, 'SOURCES.md'))) {
  throw new Error(`CRD folder not found at ${CRDS_DIR} (expected the project's crds/ folder, or MESHFLEET_CRDS_DIR)`);
}

/** Result of checking one object. */
export interface SchemaCheck {
  /** Schemas the object was checked against (package model and/or CRD file); empty when unknown. */
  readonly sources: string[];
  /** Every problem found; empty when the object conforms. */
  readonly problems: string[];
}

interface Bridge {
  readonly worker: Worker;
  readonly port: MessagePort;
  readonly flag: Int32Array;
}

let bridge: Bridge | undefined;

function getBridge(): Bridge {
  if (bridge === undefined) {
    const { port1, port2 } = new MessageChannel();
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(path.join(__dirname, 'schema-worker.mjs'), {
      workerData: { port: port2, flag, crdsDir: CRDS_DIR },
      transferList: [port2],
    });
    worker.unref();
    port1.unref();
    bridge = { worker, port: port1, flag };
  }
  return bridge;
}

/** Checks one object and returns what was checked and every problem found; never throws for bad input. */
export function checkObject(obj: unknown): SchemaCheck {
  const { port, flag } = getBridge();
  Atomics.store(flag, 0, 0);
  port.postMessage({ obj: JSON.parse(JSON.stringify(obj)) });
  const waited = Atomics.wait(flag, 0, 0, 120_000);
  const reply = receiveMessageOnPort(port);
  if (reply === undefined) {
    throw new Error(`schema worker gave no answer (${waited}); does test/k8s/schema-worker.mjs load?`);
  }
  return reply.message as SchemaCheck;
}

function describeObject(obj: unknown): string {
  const o = obj as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
  const ns = typeof o?.metadata?.namespace === 'string' ? `${o.metadata.namespace}/` : '';
  return `${String(o?.apiVersion)} ${String(o?.kind)} ${ns}${String(o?.metadata?.name)}`;
}

/**
 * Validates one Kubernetes object against the upstream schema of its apiVersion/kind.
 * @throws Error listing every problem, or naming the apiVersion/kind when no schema is known
 */
export function validateObject(obj: unknown): void {
  const { sources, problems } = checkObject(obj);
  if (sources.length === 0) {
    throw new Error(`${describeObject(obj)}: no schema known for this apiVersion/kind${problems.length ? `; ${problems.join('; ')}` : ''}`);
  }
  if (problems.length > 0) {
    throw new Error(`${describeObject(obj)} does not match its schema:\n  ${problems.join('\n  ')}`);
  }
}

/**
 * Validates every object; collects all failures before throwing.
 * @throws Error listing each failing object and its problems
 */
export function validateObjects(objs: readonly unknown[]): void {
  const failures: string[] = [];
  for (const obj of objs) {
    try {
      validateObject(obj);
    } catch (error) {
      failures.push((error as Error).message);
    }
  }
  if (failures.length > 0) throw new Error(`${failures.length} of ${objs.length} objects fail validation:\n${failures.join('\n')}`);
}
