import { Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { ExportedService, ExportedServiceProps } from '../../src/k8s/exported-service';
import { checkObject, validateObjects } from './schema';

/**
 * The manifests applied to gke-west1 and gke-east1 in seed 003 (GKE internal cross-region
 * multi-cluster Gateway tutorial), copied field for field; comments as in the seed.
 */
const SEED_WEST1 = `
apiVersion: v1
kind: Service
metadata:
  name: store
  namespace: store
spec:
  selector:
    app: store
  ports:
  - port: 8080
    targetPort: 8080
---
kind: ServiceExport
apiVersion: net.gke.io/v1
metadata:
  name: store
  namespace: store
---
apiVersion: v1
kind: Service
metadata:
  name: store-west-1 # Specific to this cluster
  namespace: store
spec:
  selector:
    app: store
  ports:
  - port: 8080
    targetPort: 8080
---
kind: ServiceExport
apiVersion: net.gke.io/v1
metadata:
  name: store-west-1 # Exporting the region-specific service
  namespace: store
`;

const SEED_EAST1 = `
apiVersion: v1
kind: Service
metadata:
  name: store
  namespace: store
spec:
  selector:
    app: store
  ports:
  - port: 8080
    targetPort: 8080
---
kind: ServiceExport
apiVersion: net.gke.io/v1
metadata:
  name: store
  namespace: store
---
apiVersion: v1
kind: Service
metadata:
  name: store-east-1 # Specific to this cluster
  namespace: store
spec:
  selector:
    app: store
  ports:
  - port: 8080
    targetPort: 8080
---
kind: ServiceExport
apiVersion: net.gke.io/v1
metadata:
  name: store-east-1 # Exporting the region-specific service
  namespace: store
`;

function parseDocs(text: string): any[] {
  return parseAllDocuments(text).map((d) => d.toJS());
}

/**
 * The seed's objects with what meshfleet adds on purpose: the port's name (the workload's
 * `portName`, `http` by default, written on every Service so an explicit one is never lost and
 * Istio selects the protocol by it) and the `app` label upstream apps such as Online Boutique
 * put on their Services.
 */
function withAdditions(docs: any[]): any[] {
  return docs.map((d) =>
    d.kind === 'Service'
      ? {
          ...d,
          metadata: { ...d.metadata, labels: { app: 'store' } },
          spec: { ...d.spec, ports: d.spec.ports.map((p: any) => ({ name: 'http', ...p })) },
        }
      : d,
  );
}

function seedProps(name: string): ExportedServiceProps {
  return { name, namespace: 'store', selector: { app: 'store' }, port: 8080, targetPort: 8080, portName: 'http' };
}

/** Synthesizes ExportedServices (one construct per props) in one chart. */
function synth(...propsList: ExportedServiceProps[]): any[] {
  const chart = Testing.chart();
  propsList.forEach((props, i) => new ExportedService(chart, `svc${i}`, props));
  return Testing.synth(chart);
}

describe('seed 003: Service + ServiceExport per cluster', () => {
  test('the seed text holds the 4 documents per cluster this test compares against', () => {
    // Guards against a typo in the copied seed making the comparisons below vacuous.
    const west = parseDocs(SEED_WEST1);
    expect(west.map((d) => `${d.apiVersion} ${d.kind} ${d.metadata.name}`)).toEqual([
      'v1 Service store',
      'net.gke.io/v1 ServiceExport store',
      'v1 Service store-west-1',
      'net.gke.io/v1 ServiceExport store-west-1',
    ]);
    expect(parseDocs(SEED_EAST1).map((d) => d.metadata.name)).toEqual(['store', 'store', 'store-east-1', 'store-east-1']);
  });

  test('gke-west1: store and store-west-1 equal the seed manifests plus the port name and app label', () => {
    expect(synth(seedProps('store'), seedProps('store-west-1'))).toEqual(withAdditions(parseDocs(SEED_WEST1)));
  });

  test('gke-east1: store and store-east-1 equal the seed manifests plus the port name and app label', () => {
    expect(synth(seedProps('store'), seedProps('store-east-1'))).toEqual(withAdditions(parseDocs(SEED_EAST1)));
  });

  test('store: every field of the Service and the ServiceExport', () => {
    const [service, serviceExport, ...rest] = synth(seedProps('store'));
    expect(rest).toEqual([]);
    expect(service.apiVersion).toBe('v1');
    expect(service.kind).toBe('Service');
    expect(service.metadata).toEqual({ name: 'store', namespace: 'store', labels: { app: 'store' } });
    expect(Object.keys(service).sort()).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    // No type: ClusterIP, externalIPs: [] or other defaults that the seed does not have.
    expect(Object.keys(service.spec).sort()).toEqual(['ports', 'selector']);
    expect(service.spec.selector).toEqual({ app: 'store' });
    expect(service.spec.ports).toEqual([{ name: 'http', port: 8080, targetPort: 8080 }]);

    expect(serviceExport).toEqual({ apiVersion: 'net.gke.io/v1', kind: 'ServiceExport', metadata: { name: 'store', namespace: 'store' } });
  });

  test('store-west-1: every field of the Service and the ServiceExport', () => {
    const [service, serviceExport] = synth(seedProps('store-west-1'));
    expect(service).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'store-west-1', namespace: 'store', labels: { app: 'store' } },
      spec: { selector: { app: 'store' }, ports: [{ name: 'http', port: 8080, targetPort: 8080 }] },
    });
    expect(serviceExport).toEqual({
      apiVersion: 'net.gke.io/v1',
      kind: 'ServiceExport',
      metadata: { name: 'store-west-1', namespace: 'store' },
    });
  });

  test('every emitted object conforms to its schema (kubernetes-models, @kubernetes-models/gke, GKE CRD)', () => {
    const objs = synth(seedProps('store'), seedProps('store-west-1'));
    expect(() => validateObjects(objs)).not.toThrow();
    expect(checkObject(objs[0]).sources.join(' ')).toContain('kubernetes-models/v1 Service');
    expect(checkObject(objs[1]).sources.join(' ')).toContain('net.gke.io/v1 ServiceExport');
  });

  test('snapshot of gke-west1 (paired with the field assertions above)', () => {
    expect(synth(seedProps('store'), seedProps('store-west-1'))).toMatchSnapshot();
  });
});

describe('props', () => {
  test('portName names the port, whatever it is', () => {
    const [grpc] = synth({ ...seedProps('store'), portName: 'grpc' });
    expect(grpc.spec.ports).toEqual([{ name: 'grpc', port: 8080, targetPort: 8080 }]);
    const [http] = synth(seedProps('store'));
    expect(http.spec.ports).toEqual([{ name: 'http', port: 8080, targetPort: 8080 }]);
  });

  test('port and targetPort are taken from their own props', () => {
    const [service] = synth({ ...seedProps('store'), port: 80, targetPort: 8080 });
    expect(service.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 8080 }]);
  });

  test('namespace and every selector label are copied; the Service is labelled with its selector', () => {
    const [service, serviceExport] = synth({ ...seedProps('checkout'), namespace: 'shop', selector: { app: 'checkout', tier: 'web' } });
    expect(service.metadata).toEqual({ name: 'checkout', namespace: 'shop', labels: { app: 'checkout', tier: 'web' } });
    expect(service.spec.selector).toEqual({ app: 'checkout', tier: 'web' });
    expect(serviceExport.metadata).toEqual({ name: 'checkout', namespace: 'shop' });
  });

  test('changing the selector object after construction does not change the output', () => {
    const selector: Record<string, string> = { app: 'store' };
    const chart = Testing.chart();
    new ExportedService(chart, 'svc', { ...seedProps('store'), selector });
    selector.app = 'other';
    expect(Testing.synth(chart)[0].spec.selector).toEqual({ app: 'store' });
  });

  test('service and serviceExport fields are the emitted objects', () => {
    const chart = Testing.chart();
    const exported = new ExportedService(chart, 'svc', seedProps('store-west-1'));
    const [service, serviceExport] = Testing.synth(chart);
    expect(exported.service.toJson()).toEqual(service);
    expect(exported.serviceExport.toJson()).toEqual(serviceExport);
    expect(exported.service.name).toBe('store-west-1');
    expect(exported.serviceExport.name).toBe('store-west-1');
  });
});

describe('assumptions', () => {
  test.each<[string, string]>([
    ['an uppercase name', 'Store'],
    ['a name starting with a digit', '1store'],
    ['a name over 63 characters', 'a'.repeat(64)],
  ])('%s is a meshfleet bug (the topology rules refuse it first)', (_, name) => {
    expect(() => synth({ ...seedProps('store'), name })).toThrow(/^meshfleet bug: exported-service\.name: Service name /);
  });
});
