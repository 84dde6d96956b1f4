import { checkRules } from '../../src/topology/rules/rules';
import { resolveTopology } from '../../src/topology/resolve/defaults';
import { checkStructure } from '../../src/topology/rules/structure';
import { TopologyInput } from '../../src/topology/model/types';

/*
 * The reference rules of apps (src/topology/rules/app-rules.ts): what a workload names inside its
 * app must exist there, with the field path of the bad reference.
 */

function appTopology(app: Record<string, unknown>): TopologyInput {
  return {
    name: 'apps',
    project: { id: 'meshfleet-test' },
    clusters: [{ name: 'a', zone: 'us-west2-a', private: false, authorizedNetworks: false }],
    apps: [{ namespace: 'shop', ...app }],
  } as TopologyInput;
}

/** Every problem (schema, then rules) as `path: message`. */
function problemsOf(app: Record<string, unknown>): string[] {
  const input = appTopology(app);
  const structural = checkStructure(input);
  if (structural.length > 0) return structural.map((p) => `${p.path}: ${p.message}`);
  return checkRules(input, resolveTopology(input)).map((p) => `${p.path}: ${p.message}`);
}

const web = { name: 'web', image: 'example/web:1', port: 8080 };

describe('app references', () => {
  test('a complete app with every kind of reference is accepted', () => {
    expect(
      problemsOf({
        configMaps: [
          { name: 'cfg', data: { MODE: 'prod' } },
          { name: 'platform', external: true },
        ],
        serviceAccounts: ['web'],
        secrets: [
          { name: 'jwt', rsaKeyPair: { privateKey: 'k', publicKey: 'k.pub' } },
          { name: 'db', keys: ['password'] },
        ],
        workloads: [
          {
            ...web,
            serviceAccountName: 'web',
            env: {
              MODE: { configMapKeyRef: { name: 'cfg', key: 'MODE' } },
              ZONE: { configMapKeyRef: { name: 'platform', key: 'ZONE' } },
              OAUTH: { configMapKeyRef: { name: 'oauth', key: 'ID', optional: true } },
              PASSWORD: { secretKeyRef: { name: 'db', key: 'password' } },
              NAMESPACE: { fieldRef: { fieldPath: 'metadata.namespace' } },
            },
            envFrom: [{ configMap: 'cfg' }, { secret: 'db' }],
            volumes: [
              { name: 'tmp', emptyDir: {} },
              { name: 'key', secret: { name: 'jwt', items: [{ key: 'k.pub', path: 'publickey' }] } },
            ],
            volumeMounts: [
              { name: 'tmp', mountPath: '/tmp' },
              { name: 'key', mountPath: '/keys', readOnly: true },
            ],
            readinessProbe: { httpPath: '/ready', periodSeconds: 5 },
            livenessProbe: { tcp: true },
          },
          { name: 'load', image: 'example/load:1', env: { TARGET: 'web:8080' } },
        ],
      }),
    ).toEqual([]);
  });

  test('a volumeMount naming a missing volume', () => {
    expect(problemsOf({ workloads: [{ ...web, volumes: [{ name: 'tmp', emptyDir: {} }], volumeMounts: [{ name: 'data', mountPath: '/data' }] }] })).toEqual([
      'apps[0].workloads[0].volumeMounts[0].name: the workload has no volume with this name (found "data", expected one of tmp)',
    ]);
  });

  test('envFrom and configMapKeyRef naming a ConfigMap the app does not define', () => {
    expect(
      problemsOf({
        configMaps: [{ name: 'cfg', data: { A: '1' } }],
        workloads: [{ ...web, envFrom: [{ configMap: 'environment-config' }], env: { B: { configMapKeyRef: { name: 'other', key: 'B' } } } }],
      }),
    ).toEqual([
      'apps[0].workloads[0].env.B.configMapKeyRef.name: the app defines no ConfigMap with this name (found "other", expected one of cfg, or optional: true)',
      'apps[0].workloads[0].envFrom[0].configMap: the app defines no ConfigMap with this name (found "environment-config", expected one of cfg, or optional: true)',
    ]);
  });

  test('a missing key of a defined ConfigMap or Secret', () => {
    expect(
      problemsOf({
        configMaps: [{ name: 'cfg', data: { A: '1' } }],
        secrets: [{ name: 'jwt', rsaKeyPair: { privateKey: 'k', publicKey: 'k.pub' } }],
        workloads: [
          {
            ...web,
            env: { B: { configMapKeyRef: { name: 'cfg', key: 'B' } } },
            volumes: [{ name: 'key', secret: { name: 'jwt', items: [{ key: 'jwtRS256.key.pub', path: 'publickey' }] } }],
          },
        ],
      }),
    ).toEqual([
      'apps[0].workloads[0].env.B.configMapKeyRef.key: ConfigMap cfg has no such key (found "B", expected one of A)',
      'apps[0].workloads[0].volumes[0].secret.items[0].key: Secret jwt has no such key (found "jwtRS256.key.pub", expected one of k, k.pub)',
    ]);
  });

  test('a secret volume or secretKeyRef naming a Secret the app does not declare', () => {
    expect(problemsOf({ workloads: [{ ...web, volumes: [{ name: 'key', secret: { name: 'jwt-key' } }], env: { P: { secretKeyRef: { name: 'db', key: 'p' } } } }] })).toEqual([
      'apps[0].workloads[0].env.P.secretKeyRef.name: the app defines no Secret with this name (found "db", expected an entry of the app\'s secrets, or optional: true)',
      'apps[0].workloads[0].volumes[0].secret.name: the app defines no Secret with this name (found "jwt-key", expected an entry of the app\'s secrets, or optional: true)',
    ]);
  });

  test('duplicate ConfigMap, ServiceAccount, Secret and volume names', () => {
    expect(
      problemsOf({
        configMaps: [{ name: 'cfg' }, { name: 'cfg' }],
        serviceAccounts: ['sa', 'sa'],
        secrets: [
          { name: 's', keys: ['a'] },
          { name: 's', keys: ['b'] },
        ],
        workloads: [
          {
            ...web,
            volumes: [
              { name: 'v', emptyDir: {} },
              { name: 'v', emptyDir: {} },
            ],
          },
        ],
      }),
    ).toEqual([
      'apps[0].configMaps[1].name: duplicate ConfigMap name, already used by apps[0].configMaps[0].name (found "cfg", expected a unique name)',
      'apps[0].serviceAccounts[1]: duplicate ServiceAccount name, already used by apps[0].serviceAccounts[0] (found "sa", expected a unique name)',
      'apps[0].secrets[1].name: duplicate Secret name, already used by apps[0].secrets[0].name (found "s", expected a unique name)',
      'apps[0].workloads[0].volumes[1].name: duplicate volume name, already used by apps[0].workloads[0].volumes[0].name (found "v", expected a unique name)',
    ]);
  });

  test('a ServiceAccount the app does not define; "default" is always there', () => {
    expect(problemsOf({ workloads: [{ ...web, serviceAccountName: 'default' }] })).toEqual([]);
    expect(problemsOf({ serviceAccounts: ['web'], workloads: [{ ...web, serviceAccountName: 'bank' }] })).toEqual([
      'apps[0].workloads[0].serviceAccountName: the app defines no ServiceAccount with this name (found "bank", expected "default", "web" (the app\'s serviceAccounts))',
    ]);
  });

  test('"exactly one of" choices: secret source, volume kind, env source, probe action', () => {
    expect(
      problemsOf({
        secrets: [{ name: 's' }],
        workloads: [
          {
            ...web,
            volumes: [{ name: 'v' }],
            env: { A: { fieldRef: { fieldPath: 'metadata.name' }, configMapKeyRef: { name: 'c', key: 'k', optional: true } } },
            readinessProbe: { periodSeconds: 5 },
          },
        ],
      }),
    ).toEqual([
      'apps[0].secrets[0]: needs exactly one of rsaKeyPair, keys (found nothing, expected one of rsaKeyPair, keys)',
      'apps[0].workloads[0].readinessProbe: needs exactly one of exec, httpGet, tcpSocket, grpc, httpPath, tcp (found nothing, expected one of exec, httpGet, tcpSocket, grpc, httpPath, tcp)',
      'apps[0].workloads[0].env.A: needs exactly one of configMapKeyRef, secretKeyRef, fieldRef (found "configMapKeyRef and fieldRef", expected one of configMapKeyRef, secretKeyRef, fieldRef)',
      'apps[0].workloads[0].volumes[0]: needs exactly one of emptyDir, configMap, secret (found nothing, expected one of emptyDir, configMap, secret)',
    ]);
  });

  test('an external ConfigMap takes no data', () => {
    expect(problemsOf({ configMaps: [{ name: 'c', external: true, data: { A: '1' } }], workloads: [web] })).toEqual([
      'apps[0].configMaps[0].data: an external ConfigMap is not written by meshfleet, so it takes no data (found a mapping, expected no data, or external: false)',
    ]);
  });

  test('a workload without a port takes no Service settings, and its HTTP probe needs a port', () => {
    expect(problemsOf({ workloads: [{ name: 'load', image: 'example/load:1', servicePort: 80, readinessProbe: { httpPath: '/ready' } }] })).toEqual([
      'apps[0].workloads[0].servicePort: only a workload with a port has a Service (found 80, expected no servicePort, or a port)',
      'apps[0].workloads[0].readinessProbe.port: the workload has no container port for this probe to use (found nothing, expected a port)',
    ]);
  });

  test('probe sets both probes: readinessProbe / livenessProbe beside it are refused', () => {
    expect(problemsOf({ workloads: [{ ...web, probe: { tcp: true }, readinessProbe: { tcp: true } }] })).toEqual([
      'apps[0].workloads[0].readinessProbe: probe already sets the readiness and liveness probes (found a mapping, expected no readinessProbe, or no probe)',
    ]);
  });

  test('an extra Service may not take another Service name of the app', () => {
    expect(
      problemsOf({
        workloads: [
          { ...web, extraServices: [{ name: 'api' }] },
          { ...web, name: 'api' },
        ],
      }),
    ).toEqual(['apps[0].workloads[0].extraServices[0].name: another Service of the app has this name (found "api", expected a unique Service name)']);
  });

  test('env values are strings or one source mapping (schema)', () => {
    expect(problemsOf({ workloads: [{ ...web, env: { A: 3 } }] })[0]).toMatch(/^apps\[0\]\.workloads\[0\]\.env\.A: wrong type/);
    expect(problemsOf({ workloads: [{ ...web, env: { A: { value: 'x' } } }] })[0]).toMatch(/^apps\[0\]\.workloads\[0\]\.env\.A\.value: unknown key/);
  });
});
