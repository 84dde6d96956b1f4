// Worker thread behind test/k8s/schema.ts (validateObject). It runs outside Jest's module
// sandbox, so it can import the ESM-only schema packages (kubernetes-models,
// @kubernetes-models/istio, @kubernetes-models/gateway-api) that Jest's CommonJS runtime
// cannot load on Node < 24.9.
//
// Request: { obj }. Reply: { sources: string[], problems: string[] }; `sources` empty means no
// schema is known for the object's apiVersion/kind.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { workerData } from 'node:worker_threads';
import { parseAllDocuments } from 'yaml';

const { port, flag, crdsDir } = workerData;

// ---------------------------------------------------------------------------------------------
// 1. Schema packages: the model class named like the kind, in the module of its group/version.
// ---------------------------------------------------------------------------------------------

/** The package module that holds a group/version's models, or undefined when none is expected. */
function packageModuleOf(group, version) {
  if (group.endsWith('.istio.io')) return `@kubernetes-models/istio/${group}/${version}`;
  if (group === 'gateway.networking.k8s.io') return `@kubernetes-models/gateway-api/${group}/${version}`;
  if (group.endsWith('.gke.io') || group === 'cloud.google.com') return `@kubernetes-models/gke/${group}/${version}`;
  if (group === '') return `kubernetes-models/${version}`;
  if (!group.includes('.') || group.endsWith('.k8s.io')) return `kubernetes-models/${group}/${version}`;
  return undefined;
}

const modules = new Map();
async function packageModel(group, version, kind) {
  const specifier = packageModuleOf(group, version);
  if (specifier === undefined) return undefined;
  if (!modules.has(specifier)) {
    modules.set(specifier, await import(specifier).catch(() => undefined));
  }
  const mod = modules.get(specifier);
  const model = mod?.[kind];
  // Only a model whose own apiVersion/kind match (index modules also re-export helper types).
  if (typeof model !== 'function' || model.kind !== kind) return undefined;
  return { source: `${specifier} ${kind}`, model };
}

// ---------------------------------------------------------------------------------------------
// 2. CRD files (the exact inputs of imports/, plus the hand-written MCI/MCS stubs), with ajv.
// ---------------------------------------------------------------------------------------------

/** CRD files per API group family, relative to the CRD folder. */
function crdFilesOf(group) {
  const dir = (sub) => {
    const full = join(crdsDir, sub);
    return existsSync(full)
      ? readdirSync(full)
          .filter((f) => f.endsWith('.yaml'))
          .sort()
          .map((f) => join(sub, f))
      : [];
  };
  if (group.endsWith('.istio.io')) return ['istio/crd-all.gen.yaml'];
  if (group === 'gateway.networking.k8s.io') return dir('gateway-api-v1.2.1-standard');
  if (group.endsWith('.gke.io') || group === 'cloud.google.com') {
    return [...dir('gke'), ...dir('gke-stubs-NOT-UPSTREAM')];
  }
  return [];
}

const crdsByGroup = new Map();
function crdsOf(group) {
  if (!crdsByGroup.has(group)) {
    const crds = [];
    for (const file of crdFilesOf(group)) {
      const path = join(crdsDir, file);
      if (!existsSync(path)) continue;
      for (const doc of parseAllDocuments(readFileSync(path, 'utf8'))) {
        const crd = doc.toJS();
        if (crd?.kind === 'CustomResourceDefinition' && crd.spec?.group === group) crds.push({ file, crd });
      }
    }
    crdsByGroup.set(group, crds);
  }
  return crdsByGroup.get(group);
}

/**
 * Emulates the API server's pruning: an object schema that lists properties and neither sets
 * `additionalProperties` nor `x-kubernetes-preserve-unknown-fields` drops unknown fields, which
 * for generated YAML means a silently lost setting. Such schemas are closed here instead.
 */
function closeSchema(schema) {
  if (schema === null || typeof schema !== 'object') return schema;
  if (Array.isArray(schema)) return schema.map(closeSchema);
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' || key === 'patternProperties') {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, closeSchema(v)]));
    } else if (['items', 'additionalProperties', 'not', 'allOf', 'anyOf', 'oneOf'].includes(key)) {
      out[key] = closeSchema(value);
    } else {
      out[key] = value;
    }
  }
  if (out.type === 'object' && out.properties !== undefined && out.additionalProperties === undefined && out['x-kubernetes-preserve-unknown-fields'] !== true) {
    out.additionalProperties = false;
  }
  return out;
}

let ajv;
async function getAjv() {
  if (ajv === undefined) {
    const mod = await import('ajv');
    const Ajv = mod.default.default ?? mod.default;
    ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  }
  return ajv;
}

const crdValidators = new Map();
async function crdValidator(group, version, kind) {
  const key = `${group}/${version}/${kind}`;
  if (!crdValidators.has(key)) {
    let found;
    for (const { file, crd } of crdsOf(group)) {
      if (crd.spec.names?.kind !== kind) continue;
      const served = (crd.spec.versions ?? []).find((v) => v.name === version && v.served !== false);
      const schema = served?.schema?.openAPIV3Schema;
      if (schema === undefined) continue;
      // apiVersion, kind and metadata are implicit in every CRD schema (some list them, some not).
      const root = {
        ...schema,
        properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, ...schema.properties },
      };
      found = { source: `CRD ${file} ${version}`, validate: (await getAjv()).compile(closeSchema(root)) };
      break;
    }
    crdValidators.set(key, found);
  }
  return crdValidators.get(key);
}

// ---------------------------------------------------------------------------------------------
// 3. Every object: metadata shape (CRD schemas leave metadata open).
// ---------------------------------------------------------------------------------------------

const stringMap = { type: 'object', additionalProperties: { type: 'string' } };
let metadataValidator;
async function validateMetadata(obj) {
  metadataValidator ??= (await getAjv()).compile({
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata'],
    properties: {
      apiVersion: { type: 'string', minLength: 1 },
      kind: { type: 'string', minLength: 1 },
      metadata: {
        type: 'object',
        required: ['name'],
        properties: {
          name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$', maxLength: 253 },
          namespace: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', maxLength: 63 },
          labels: stringMap,
          annotations: stringMap,
        },
      },
    },
  });
  return metadataValidator(obj) ? [] : metadataValidator.errors.map(formatAjvError);
}

function formatAjvError(e) {
  const where = e.instancePath === '' ? '(root)' : e.instancePath;
  const extra = e.params?.additionalProperty !== undefined ? ` "${e.params.additionalProperty}"` : '';
  return `${where} ${e.message}${extra}`;
}

async function validate(obj) {
  const problems = await validateMetadata(obj);
  const sources = [];
  if (typeof obj?.apiVersion !== 'string' || typeof obj?.kind !== 'string') return { sources, problems };
  const slash = obj.apiVersion.lastIndexOf('/');
  const group = slash < 0 ? '' : obj.apiVersion.slice(0, slash);
  const version = obj.apiVersion.slice(slash + 1);

  const pkg = await packageModel(group, version, obj.kind);
  if (pkg !== undefined) {
    sources.push(pkg.source);
    try {
      new pkg.model(obj).validate();
    } catch (error) {
      problems.push(`${pkg.source}: ${error?.message ?? String(error)}`);
    }
  }
  const crd = await crdValidator(group, version, obj.kind);
  if (crd !== undefined) {
    sources.push(crd.source);
    if (!crd.validate(obj)) problems.push(...crd.validate.errors.map((e) => `${crd.source}: ${formatAjvError(e)}`));
  }
  return { sources, problems };
}

port.on('message', async ({ obj }) => {
  let reply;
  try {
    reply = await validate(obj);
  } catch (error) {
    reply = { sources: [], problems: [`validator crashed: ${error?.stack ?? String(error)}`] };
  }
  port.postMessage(reply);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
