/**
 * The complete upstream apps of the examples: Bank of Anthos v0.6.7 (seed 000) and Online
 * Boutique (seeds 002 and 001), as an operator applying dist gets them.
 */
import { clusterObjects, EXAMPLES, findObject, loadExample, manifestsOf } from './helpers';
import { validateObjects } from './schema';

const BOA = 'bank-of-anthos';
const WEST = 'gke-west-priv';
const CENTRAL = 'gke-central-priv';

const container = (deployment: any) => deployment.spec.template.spec.containers[0];
const envOf = (deployment: any): Record<string, unknown> => Object.fromEntries(container(deployment).env.map((e: any) => [e.name, e.value ?? e.valueFrom]));

describe('seed 000: Bank of Anthos v0.6.7', () => {
  const model = loadExample(EXAMPLES.privateAsm);
  const west = clusterObjects(model, WEST);
  const central = clusterObjects(model, CENTRAL);

  test('every object conforms to its schema', () => {
    validateObjects([...west, ...central, ...clusterObjects(model, 'gke-ingress')]);
  });

  test('frontend: envFrom environment-config and service-api-config, and the jwt-key public key mounted at /tmp/.ssh', () => {
    for (const objects of [west, central]) {
      const frontend = findObject(objects, 'Deployment', 'frontend', BOA);
      expect(container(frontend).envFrom).toEqual([{ configMapRef: { name: 'environment-config' } }, { configMapRef: { name: 'service-api-config' } }]);
      expect(container(frontend).volumeMounts).toContainEqual({ name: 'publickey', mountPath: '/tmp/.ssh', readOnly: true });
      expect(frontend.spec.template.spec.volumes).toContainEqual({
        name: 'publickey',
        secret: { secretName: 'jwt-key', items: [{ key: 'jwtRS256.key.pub', path: 'publickey' }] },
      });
      expect(envOf(frontend).DEFAULT_USERNAME).toEqual({ configMapKeyRef: { name: 'demo-data-config', key: 'DEMO_LOGIN_USERNAME' } });
      expect(frontend.spec.template.spec.serviceAccountName).toBe('bank-of-anthos');
    }
  });

  test('userservice signs tokens with the private key: both keys of jwt-key are mounted', () => {
    const userservice = findObject(west, 'Deployment', 'userservice', BOA);
    expect(userservice.spec.template.spec.volumes).toContainEqual({
      name: 'keys',
      secret: {
        secretName: 'jwt-key',
        items: [
          { key: 'jwtRS256.key', path: 'privatekey' },
          { key: 'jwtRS256.key.pub', path: 'publickey' },
        ],
      },
    });
    expect(envOf(userservice).PRIV_KEY_PATH).toBe('/tmp/.ssh/privatekey');
  });

  test('the ConfigMaps and the ServiceAccount are in both workload clusters, not in the config cluster', () => {
    const configMaps = ['environment-config', 'service-api-config', 'demo-data-config', 'accounts-db-config', 'ledger-db-config'];
    for (const objects of [west, central]) {
      expect(objects.filter((o) => o.kind === 'ConfigMap').map((o) => o.metadata.name)).toEqual(configMaps);
      findObject(objects, 'ServiceAccount', 'bank-of-anthos', BOA);
    }
    expect(findObject(west, 'ConfigMap', 'ledger-db-config', BOA).data.SPRING_DATASOURCE_URL).toBe('jdbc:postgresql://ledger-db:5432/postgresdb');
    expect(clusterObjects(model, 'gke-ingress').filter((o) => o.kind === 'ConfigMap' || o.kind === 'ServiceAccount')).toEqual([]);
  });

  test('the PostgreSQL settings reach the databases and their clients', () => {
    const accountsDb = findObject(west, 'StatefulSet', 'accounts-db', BOA);
    expect(container(accountsDb).envFrom.map((e: any) => e.configMapRef.name)).toEqual(['environment-config', 'accounts-db-config', 'demo-data-config']);
    expect(container(accountsDb).volumeMounts).toEqual([{ name: 'postgresdb', mountPath: '/var/lib/postgresql/data', subPath: 'postgres' }]);
    expect(accountsDb.spec.template.spec.volumes).toEqual([{ name: 'postgresdb', emptyDir: {} }]);
    const balancereader = findObject(west, 'Deployment', 'balancereader', BOA);
    expect(container(balancereader).envFrom.map((e: any) => e.configMapRef.name)).toEqual(['environment-config', 'ledger-db-config']);
    expect(envOf(balancereader).NAMESPACE).toEqual({ fieldRef: { fieldPath: 'metadata.namespace' } });
    expect(container(balancereader).startupProbe).toEqual({ httpGet: { path: '/healthy', port: 8080 }, failureThreshold: 30, periodSeconds: 10 });
  });

  test('placement: the StatefulSets only in gke-west-priv, every Service in both clusters; loadgenerator runs in both without a Service', () => {
    const services = ['frontend', 'userservice', 'contacts', 'balancereader', 'ledgerwriter', 'transactionhistory', 'accounts-db', 'ledger-db'];
    for (const objects of [west, central]) {
      expect(objects.filter((o) => o.kind === 'Service' && o.metadata.namespace === BOA).map((o) => o.metadata.name)).toEqual(services);
      findObject(objects, 'Deployment', 'loadgenerator', BOA);
    }
    expect(west.filter((o) => o.kind === 'StatefulSet').map((o) => o.metadata.name)).toEqual(['accounts-db', 'ledger-db']);
    expect(central.filter((o) => o.kind === 'StatefulSet')).toEqual([]);
    expect(envOf(findObject(west, 'Deployment', 'loadgenerator', BOA))).toEqual({ FRONTEND_ADDR: 'frontend:80', USERS: '5', LOG_LEVEL: 'error' });
  });

  test('no Secret is ever written: jwt-key is made by the runbook', () => {
    for (const files of manifestsOf(model).values()) {
      expect([...files.values()].flat().filter((o) => o.kind === 'Secret')).toEqual([]);
    }
  });
});

/** Online Boutique of the ASM samples manifest: name → the env its server container gets. */
const BOUTIQUE = [
  'emailservice',
  'checkoutservice',
  'recommendationservice',
  'frontend',
  'paymentservice',
  'productcatalogservice',
  'cartservice',
  'loadgenerator',
  'currencyservice',
  'shippingservice',
  'redis-cart',
  'adservice',
];

describe.each([
  ['seed 002', EXAMPLES.canary, 'gke-boutique'],
  ['seed 001', EXAMPLES.asmOnprem, 'cluster1'],
])('%s: the whole Online Boutique', (_seed, example, cluster) => {
  const objects = clusterObjects(loadExample(example), cluster).filter((o) => o.metadata?.namespace === 'onlineboutique');

  test('every object conforms to its schema', () => validateObjects(objects));

  test('all 12 services run; each but loadgenerator has its Service, frontend also frontend-external', () => {
    const deployments = objects.filter((o) => o.kind === 'Deployment' && !o.metadata.name.endsWith('-v2')).map((o) => o.metadata.name);
    expect(deployments.sort()).toEqual([...BOUTIQUE].sort());
    const services = objects.filter((o) => o.kind === 'Service').map((o) => o.metadata.name);
    expect(services.sort()).toEqual([...BOUTIQUE.filter((n) => n !== 'loadgenerator'), 'frontend-external'].sort());
    expect(findObject(objects, 'Service', 'emailservice').spec.ports).toEqual([{ name: 'grpc', port: 5000, targetPort: 8080 }]);
  });

  test('each service gets its env: addresses of the services it calls', () => {
    expect(envOf(findObject(objects, 'Deployment', 'checkoutservice'))).toMatchObject({
      PRODUCT_CATALOG_SERVICE_ADDR: 'productcatalogservice:3550',
      SHIPPING_SERVICE_ADDR: 'shippingservice:50051',
      PAYMENT_SERVICE_ADDR: 'paymentservice:50051',
      EMAIL_SERVICE_ADDR: 'emailservice:5000',
      CURRENCY_SERVICE_ADDR: 'currencyservice:7000',
      CART_SERVICE_ADDR: 'cartservice:7070',
    });
    expect(envOf(findObject(objects, 'Deployment', 'frontend'))).toMatchObject({
      AD_SERVICE_ADDR: 'adservice:9555',
      RECOMMENDATION_SERVICE_ADDR: 'recommendationservice:8080',
      CHECKOUT_SERVICE_ADDR: 'checkoutservice:5050',
    });
    expect(envOf(findObject(objects, 'Deployment', 'cartservice'))).toEqual({ REDIS_ADDR: 'redis-cart:6379' });
    for (const name of BOUTIQUE.filter((n) => n !== 'redis-cart')) {
      expect(container(findObject(objects, 'Deployment', name)).env.length).toBeGreaterThan(0);
    }
  });

  test('frontend probes carry the session cookie header; redis-cart a TCP probe and its emptyDir', () => {
    expect(container(findObject(objects, 'Deployment', 'frontend')).readinessProbe).toEqual({
      httpGet: { path: '/_healthz', port: 8080, httpHeaders: [{ name: 'Cookie', value: 'shop_session-id=x-readiness-probe' }] },
      initialDelaySeconds: 10,
    });
    const redis = findObject(objects, 'Deployment', 'redis-cart');
    expect(container(redis).livenessProbe).toEqual({ tcpSocket: { port: 6379 }, periodSeconds: 5 });
    expect(redis.spec.template.spec.volumes).toEqual([{ name: 'redis-data', emptyDir: {} }]);
  });

  test('loadgenerator: no port; its init container that waits for the frontend only with native sidecars (ASM 1.8 has none, and a classic sidecar breaks the check)', () => {
    const load = findObject(objects, 'Deployment', 'loadgenerator');
    expect(container(load).ports).toBeUndefined();
    if (example === EXAMPLES.asmOnprem) {
      expect(load.spec.template.spec.initContainers).toBeUndefined();
      return;
    }
    expect(load.spec.template.metadata.annotations['sidecar.istio.io/nativeSidecar']).toBe('true');
    expect(load.spec.template.spec.initContainers).toEqual([
      expect.objectContaining({ name: 'frontend-check', image: 'busybox:latest', env: [{ name: 'FRONTEND_ADDR', value: 'frontend:80' }] }),
    ]);
  });
});

describe('seed 002: an ingress so the split receives traffic', () => {
  const objects = clusterObjects(loadExample(EXAMPLES.canary), 'gke-boutique');

  test('the ingress gateway, its Istio Gateway, and the frontend VirtualService bound to it', () => {
    expect(findObject(objects, 'Service', 'asm-ingressgateway', 'asm-ingress').spec.type).toBe('LoadBalancer');
    findObject(objects, 'Deployment', 'asm-ingressgateway', 'asm-ingress');
    const gateway = findObject(objects, 'Gateway', 'asm-ingressgateway', 'asm-ingress');
    expect(gateway.spec.servers[0].port).toEqual({ number: 80, name: 'http', protocol: 'HTTP' });
    const vs = findObject(objects, 'VirtualService', 'frontend', 'onlineboutique');
    expect(vs.spec).toEqual({
      hosts: ['*'],
      gateways: ['asm-ingress/asm-ingressgateway'],
      http: [{ route: [{ destination: { host: 'frontend', port: { number: 80 } } }] }],
    });
    expect(findObject(objects, 'Namespace', 'asm-ingress').metadata.labels).toEqual({ 'istio-injection': 'enabled' });
  });
});
