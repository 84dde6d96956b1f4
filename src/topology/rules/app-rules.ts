import { pathKey, Problem, problem, show } from './problems';
import { AppInput, EnvValue, ProbeInput, ResolvedApp, ResolvedWorkload, TopologyInput, VolumeInput, WorkloadInput } from '../model/types';

/*
 * Rules about what an app's workloads reference inside the app: ConfigMaps, Secrets,
 * ServiceAccounts, volumes, and the shape choices the schema leaves open ("exactly one of").
 */

/** Reports `keys[0]` when not exactly one of `keys` is set on `value`. */
function exactlyOne(path: string, value: object, keys: readonly string[], problems: Problem[]): string | undefined {
  const set = keys.filter((k) => (value as Record<string, unknown>)[k] !== undefined && (value as Record<string, unknown>)[k] !== false);
  if (set.length === 1) return set[0];
  const found = set.length === 0 ? undefined : set.join(' and ');
  problems.push(problem(path, `needs exactly one of ${keys.join(', ')}`, found, `one of ${keys.join(', ')}`));
  return undefined;
}

/** Names used twice in a list, reported at each later use. */
function checkUnique(names: ReadonlyArray<string>, pathOf: (i: number) => string, what: string, problems: Problem[]): void {
  names.forEach((name, i) => {
    const first = names.indexOf(name);
    if (first < i) problems.push(problem(pathOf(i), `duplicate ${what}, already used by ${pathOf(first)}`, name, 'a unique name'));
  });
}

/** What a workload can reference in its app. */
interface AppIndex {
  readonly configMaps: Map<string, { readonly keys: readonly string[]; readonly external: boolean }>;
  readonly secrets: Map<string, readonly string[]>;
  readonly serviceAccounts: readonly string[];
}

function indexOf(app: ResolvedApp): AppIndex {
  return {
    configMaps: new Map(app.configMaps.map((c) => [c.name, { keys: Object.keys(c.data), external: c.external }])),
    secrets: new Map(app.secrets.map((s) => [s.name, s.keys])),
    serviceAccounts: app.serviceAccounts,
  };
}

function checkAppObjects(input: AppInput, app: ResolvedApp, at: string, problems: Problem[]): void {
  checkUnique(
    app.configMaps.map((c) => c.name),
    (j) => `${at}.configMaps[${j}].name`,
    'ConfigMap name',
    problems,
  );
  app.configMaps.forEach((c, j) => {
    if (c.external && Object.keys(c.data).length > 0) {
      problems.push(problem(`${at}.configMaps[${j}].data`, 'an external ConfigMap is not written by meshfleet, so it takes no data', c.data, 'no data, or external: false'));
    }
  });
  checkUnique(app.serviceAccounts, (j) => `${at}.serviceAccounts[${j}]`, 'ServiceAccount name', problems);
  checkUnique(
    app.secrets.map((s) => s.name),
    (j) => `${at}.secrets[${j}].name`,
    'Secret name',
    problems,
  );
  (input.secrets ?? []).forEach((secret, j) => {
    const kind = exactlyOne(`${at}.secrets[${j}]`, secret, ['rsaKeyPair', 'keys'], problems);
    if (kind === 'rsaKeyPair' && secret.rsaKeyPair!.privateKey === secret.rsaKeyPair!.publicKey) {
      problems.push(
        problem(
          `${at}.secrets[${j}].rsaKeyPair.publicKey`,
          'the public key needs a key of its own',
          secret.rsaKeyPair!.publicKey,
          `a key other than ${show(secret.rsaKeyPair!.privateKey)}`,
        ),
      );
    }
  });
}

/**
 * A ConfigMap or Secret reference: known in the app (or optional), and its key too.
 * `namePath` / `keyPath` are the fields holding the name and the key.
 */
function checkRef(
  namePath: string,
  keyPath: string,
  kind: 'ConfigMap' | 'Secret',
  ref: { readonly name: string; readonly key?: string; readonly optional?: boolean },
  index: AppIndex,
  problems: Problem[],
): void {
  if (ref.optional === true) return;
  const known = kind === 'ConfigMap' ? [...index.configMaps.keys()] : [...index.secrets.keys()];
  const list = kind === 'ConfigMap' ? 'configMaps' : 'secrets';
  if (!known.includes(ref.name)) {
    const expected = known.length ? `one of ${known.join(', ')}, or optional: true` : `an entry of the app's ${list}, or optional: true`;
    problems.push(problem(namePath, `the app defines no ${kind} with this name`, ref.name, expected));
    return;
  }
  if (ref.key === undefined) return;
  const target = kind === 'ConfigMap' ? index.configMaps.get(ref.name)! : { keys: index.secrets.get(ref.name)!, external: false };
  if (!target.external && !target.keys.includes(ref.key)) {
    problems.push(problem(keyPath, `${kind} ${ref.name} has no such key`, ref.key, target.keys.length ? `one of ${target.keys.join(', ')}` : `a key of ${kind} ${ref.name}`));
  }
}

function checkEnv(at: string, env: Readonly<Record<string, EnvValue>>, index: AppIndex, problems: Problem[]): void {
  for (const [name, value] of Object.entries(env)) {
    if (typeof value === 'string') continue;
    const path = `${at}.env.${pathKey(name)}`;
    const source = exactlyOne(path, value, ['configMapKeyRef', 'secretKeyRef', 'fieldRef'], problems);
    if (source === 'configMapKeyRef' || source === 'secretKeyRef') {
      const ref = `${path}.${source}`;
      checkRef(`${ref}.name`, `${ref}.key`, source === 'configMapKeyRef' ? 'ConfigMap' : 'Secret', value[source]!, index, problems);
    }
  }
}

function checkVolume(at: string, volume: VolumeInput, index: AppIndex, problems: Problem[]): void {
  const kind = exactlyOne(at, volume, ['emptyDir', 'configMap', 'secret'], problems);
  const source = kind === 'configMap' ? volume.configMap! : kind === 'secret' ? volume.secret! : undefined;
  if (source === undefined) return;
  const refKind = kind === 'configMap' ? 'ConfigMap' : 'Secret';
  const namePath = `${at}.${kind}.name`;
  // The name once (it has no key here), then each item's key when the name is known.
  checkRef(namePath, namePath, refKind, { name: source.name }, index, problems);
  const known = refKind === 'ConfigMap' ? index.configMaps.has(source.name) : index.secrets.has(source.name);
  if (!known) return;
  (source.items ?? []).forEach((item, k) => checkRef(namePath, `${at}.${kind}.items[${k}].key`, refKind, { name: source.name, key: item.key }, index, problems));
}

/** The handlers of a probe: upstream's, then meshfleet's shorthands. */
const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc', 'httpPath', 'tcp'] as const;

/** The probes of a workload; all but `readinessProbe` are liveness or startup probes. */
export const PROBE_KEYS = ['probe', 'readinessProbe', 'livenessProbe', 'startupProbe'] as const;

/**
 * One probe: exactly one handler; `httpHeaders` and `port` beside the handler only for the
 * shorthands (`httpPath`, `tcp`); a port for every network probe (its own, or the container
 * port); a named port names an extra port (the main container port has no name); and
 * `successThreshold` 1 on liveness and startup probes, as the API server demands.
 */
function checkProbe(path: string, key: (typeof PROBE_KEYS)[number], probe: ProbeInput, w: ResolvedWorkload, problems: Problem[]): void {
  const handler = exactlyOne(path, probe, PROBE_HANDLERS, problems);
  if (probe.httpHeaders !== undefined && handler !== 'httpPath') {
    const expected = handler === 'httpGet' ? 'httpGet.httpHeaders' : 'no httpHeaders, or httpPath';
    problems.push(problem(`${path}.httpHeaders`, 'these headers belong to an httpPath probe', probe.httpHeaders, expected));
  }
  if (probe.port !== undefined && handler !== undefined && handler !== 'httpPath' && handler !== 'tcp') {
    const what = handler === 'exec' ? 'an exec probe runs a command and takes no port' : `a ${handler} probe carries its port inside`;
    problems.push(problem(`${path}.port`, what, probe.port, handler === 'exec' ? 'no port' : `${handler}.port`));
  }
  if ((handler === 'httpPath' || handler === 'tcp') && probe.port === undefined && w.port === undefined) {
    problems.push(problem(`${path}.port`, 'the workload has no container port for this probe to use', undefined, 'a port'));
  }
  if (handler === 'httpGet' || handler === 'tcpSocket') {
    const port = probe[handler]!.port;
    const names = w.extraPorts.map((p) => p.name);
    if (port === undefined && w.port === undefined) {
      problems.push(problem(`${path}.${handler}.port`, 'the workload has no container port for this probe to use', undefined, 'a port'));
    } else if (typeof port === 'string' && !names.includes(port)) {
      const expected = names.length === 0 ? 'a port number (only extraPorts have names)' : `a port number, or one of ${names.join(', ')}`;
      problems.push(problem(`${path}.${handler}.port`, 'the container has no port of this name', port, expected));
    }
  }
  if (key !== 'readinessProbe' && probe.successThreshold !== undefined && probe.successThreshold !== 1) {
    const what = key === 'probe' ? 'probe is also the liveness probe, whose' : `a ${key === 'livenessProbe' ? 'liveness' : 'startup'} probe's`;
    problems.push(problem(`${path}.successThreshold`, `${what} successThreshold must be 1 (the API server refuses another)`, probe.successThreshold, '1, or readinessProbe'));
  }
}

/** Keys that only a workload with a Service (a `port`) takes. */
const SERVICE_KEYS: ReadonlyArray<keyof WorkloadInput> = [
  'servicePort',
  'portName',
  'extraPorts',
  'serviceType',
  'extraServices',
  'expose',
  'export',
  'canary',
  'versions',
  'virtualServiceName',
  'destinationRuleName',
];

function checkWorkload(input: WorkloadInput, w: ResolvedWorkload, at: string, app: ResolvedApp, index: AppIndex, problems: Problem[]): void {
  if (w.port === undefined) {
    for (const key of SERVICE_KEYS.filter((k) => input[k] !== undefined)) {
      problems.push(problem(`${at}.${key}`, 'only a workload with a port has a Service', input[key], `no ${key}, or a port`));
    }
  }
  if (input.probe !== undefined) {
    for (const key of ['readinessProbe', 'livenessProbe'] as const) {
      if (input[key] !== undefined) problems.push(problem(`${at}.${key}`, 'probe already sets the readiness and liveness probes', input[key], `no ${key}, or no probe`));
    }
  }
  for (const key of PROBE_KEYS) {
    const probe = input[key];
    if (probe !== undefined) checkProbe(`${at}.${key}`, key, probe, w, problems);
  }
  checkUnique([w.portName, ...w.extraPorts.map((p) => p.name)], (k) => (k === 0 ? `${at}.portName` : `${at}.extraPorts[${k - 1}].name`), 'port name', problems);
  w.extraServices.forEach((extra, k) => {
    if (app.workloads.some((other) => other.name === extra.name || other.extraServices.some((e) => e !== extra && e.name === extra.name))) {
      problems.push(problem(`${at}.extraServices[${k}].name`, 'another Service of the app has this name', extra.name, 'a unique Service name'));
    }
  });
  checkEnv(at, w.env, index, problems);
  w.envFrom.forEach((source, k) => {
    const kind = exactlyOne(`${at}.envFrom[${k}]`, source, ['configMap', 'secret'], problems);
    if (kind === 'configMap' || kind === 'secret') {
      const path = `${at}.envFrom[${k}].${kind}`;
      checkRef(path, path, kind === 'configMap' ? 'ConfigMap' : 'Secret', { name: source[kind]!, optional: source.optional }, index, problems);
    }
  });
  // Pod volumes and a StatefulSet's claim templates share one name space: both become pod volumes.
  const volumes = [...w.volumes.map((v) => v.name), ...w.volumeClaimTemplates.map((t) => t.metadata.name)];
  checkUnique(volumes, (k) => (k < w.volumes.length ? `${at}.volumes[${k}].name` : `${at}.volumeClaimTemplates[${k - w.volumes.length}].metadata.name`), 'volume name', problems);
  w.volumes.forEach((volume, k) => checkVolume(`${at}.volumes[${k}]`, volume, index, problems));
  w.volumeMounts.forEach((mount, k) => {
    if (!volumes.includes(mount.name)) {
      problems.push(
        problem(
          `${at}.volumeMounts[${k}].name`,
          'the workload has no volume with this name',
          mount.name,
          volumes.length ? `one of ${volumes.join(', ')}` : 'an entry of volumes (or of volumeClaimTemplates, for a StatefulSet)',
        ),
      );
    }
  });
  checkUnique(
    w.volumeMounts.map((m) => m.mountPath),
    (k) => `${at}.volumeMounts[${k}].mountPath`,
    'mount path',
    problems,
  );
  if (w.serviceAccountName !== undefined && w.serviceAccountName !== 'default' && !index.serviceAccounts.includes(w.serviceAccountName)) {
    problems.push(
      problem(
        `${at}.serviceAccountName`,
        'the app defines no ServiceAccount with this name',
        w.serviceAccountName,
        `"default"${index.serviceAccounts.map((s) => `, ${show(s)}`).join('')} (the app's serviceAccounts)`,
      ),
    );
  }
}

/**
 * Every app: unique ConfigMap, ServiceAccount and Secret names; each Secret made one way; per
 * workload, the references to ConfigMaps, Secrets (and their keys), volumes and ServiceAccounts
 * resolve inside the app (or are `optional`, or name an `external` ConfigMap), probes say how
 * they check, and only workloads with a port take Service settings.
 */
export function checkAppReferences(input: TopologyInput, apps: readonly ResolvedApp[], problems: Problem[]): void {
  apps.forEach((app, i) => {
    const at = `apps[${i}]`;
    const appInput = input.apps![i];
    checkAppObjects(appInput, app, at, problems);
    const index = indexOf(app);
    app.workloads.forEach((w, j) => checkWorkload(appInput.workloads![j], w, `${at}.workloads[${j}]`, app, index, problems));
  });
}
