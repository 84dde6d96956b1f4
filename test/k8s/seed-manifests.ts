/**
 * The Kubernetes manifests of the seed documents, copied verbatim (comments included) from
 * ../shared/seeds so tests can compare emitted objects with them field by field.
 *
 * - Seed 000 (000_f0e545e45709dce2.txt, private GKE clusters with managed ASM and multi-cluster
 *   ingress): asm-ingress.yaml, asm-vs-gateway.yaml, mci.yaml, mcs.yaml, backendconfig.yaml.
 * - Seed 002 (002_29af5f58696abe8b.txt, canary of productcatalogservice): destination-vs-v1.yaml,
 *   productcatalog-v2.yaml, destination-v1-v2.yaml, vs-split-traffic.yaml, vs-v2.yaml, vs-v1.yaml.
 * - Seed 001 (001_846e0abb3fd0c4ab.txt, ASM 1.8.6 on GKE on VMware): cluster.yaml (with the
 *   placeholders MESH_ID, CLUSTER_NAME, NETWORK_ID as in the seed), istiod-service.yaml.
 * - Seed 004 (004_d02afacd6db7f934.txt, Istio multi-cluster models): the IstioOperator that
 *   `gen-eastwest-gateway.sh --network network1 --cluster cluster1 --mesh mesh1` prints.
 */
import { parseAllDocuments } from 'yaml';

/** Parses a multi-document YAML string into plain objects. */
export function parseManifests(text: string): Array<Record<string, any>> {
  return parseAllDocuments(text).map((d) => d.toJS() as Record<string, any>);
}

export const SEED_000 = {
  asmIngress: `
apiVersion: v1
kind: Service
metadata:
  name: asm-ingressgateway
  namespace: asm-ingress
spec:
  type: LoadBalancer
  selector:
    asm: ingressgateway
  ports:
  - port: 80
    name: http
  - port: 443
    name: https
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: asm-ingressgateway
  namespace: asm-ingress
spec:
  selector:
    matchLabels:
      asm: ingressgateway
  template:
    metadata:
      annotations:
        # This is required to tell Anthos Service Mesh to inject the gateway with the
        # required configuration.
        inject.istio.io/templates: gateway
      labels:
        asm: ingressgateway
    spec:
      containers:
      - name: istio-proxy
        image: auto # The image will automatically update each time the pod starts.
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: asm-ingressgateway-sds
  namespace: asm-ingress
rules:
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "watch", "list"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: asm-ingressgateway-sds
  namespace: asm-ingress
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: asm-ingressgateway-sds
subjects:
- kind: ServiceAccount
  name: default
`,
  asmVsGateway: `
apiVersion: networking.istio.io/v1alpha3
kind: Gateway
metadata:
  name: asm-ingressgateway
  namespace: asm-ingress
spec:
  selector:
    asm: ingressgateway
  servers:
    - port:
        number: 80
        name: http
        protocol: HTTP
      hosts:
        - "*"
---
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: frontend
  namespace: bank-of-anthos
spec:
  hosts:
  - "*"
  gateways:
  - asm-ingress/asm-ingressgateway
  http:
  - route:
    - destination:
        host: frontend
        port:
          number: 80
`,
  mci: `
apiVersion: networking.gke.io/v1beta1
kind: MultiClusterIngress
metadata:
  name: asm-ingressgateway-multicluster-ingress
spec:
  template:
    spec:
      backend:
       serviceName: asm-ingressgateway-multicluster-svc
       servicePort: 80
`,
  mcs: `
apiVersion: networking.gke.io/v1beta1
kind: MultiClusterService
metadata:
  name: asm-ingressgateway-multicluster-svc
  annotations:
    beta.cloud.google.com/backend-config: '{"ports": {"80":"gke-ingress-config"}}'
spec:
  template:
    spec:
      selector:
        asm: ingressgateway
      ports:
      - name: frontend
        protocol: TCP
        port: 80 # servicePort defined in Multi Cluster Ingress
  clusters:
  - link: "us-west2-a/gke-west-priv"
  - link: "us-central1-a/gke-central-priv"
`,
  backendConfig: `
apiVersion: cloud.google.com/v1beta1
kind: BackendConfig
metadata:
  name: gke-ingress-config
spec:
  healthCheck:
    type: HTTP
    port: 15021
    requestPath: /healthz/ready
`,
};

export const SEED_002 = {
  destinationVsV1: `
apiVersion: networking.istio.io/v1beta1
kind: DestinationRule
metadata:
  name: productcatalogservice
spec:
  host: productcatalogservice
  subsets:
  - labels:
      version: v1
    name: v1
---
apiVersion: networking.istio.io/v1beta1
kind: VirtualService
metadata:
  name: productcatalogservice
spec:
  hosts:
  - productcatalogservice
  http:
  - route:
    - destination:
        host: productcatalogservice
        subset: v1
`,
  productcatalogV2: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: productcatalogservice-v2
spec:
  selector:
    matchLabels:
      app: productcatalogservice
  template:
    metadata:
      labels:
        app: productcatalogservice
        version: v2
    spec:
      containers:
      - env:
        - name: PORT
          value: '3550'
        - name: EXTRA_LATENCY
          value: 3s
        name: server
        image: gcr.io/google-samples/microservices-demo/productcatalogservice:v0.3.6
        livenessProbe:
          exec:
            command: ["/bin/grpc_health_probe", "-addr=:3550"]
        ports:
        - containerPort: 3550
        readinessProbe:
          exec:
            command: ["/bin/grpc_health_probe", "-addr=:3550"]
        resources:
          limits:
            cpu: 200m
            memory: 128Mi
          requests:
            cpu: 100m
            memory: 64Mi
      terminationGracePeriodSeconds: 5
`,
  destinationV1V2: `
apiVersion: networking.istio.io/v1beta1
kind: DestinationRule
metadata:
  name: productcatalogservice
spec:
  host: productcatalogservice
  subsets:
  - labels:
      version: v1
    name: v1
  - labels:
      version: v2
    name: v2
`,
  vsSplitTraffic: `
apiVersion: networking.istio.io/v1beta1
kind: VirtualService
metadata:
  name: productcatalogservice
spec:
  hosts:
  - productcatalogservice
  http:
  - route:
    - destination:
        host: productcatalogservice
        subset: v1
      weight: 75
    - destination:
        host: productcatalogservice
        subset: v2
      weight: 25
`,
  vsV2: `
apiVersion: networking.istio.io/v1beta1
kind: VirtualService
metadata:
  name: productcatalogservice
spec:
  hosts:
  - productcatalogservice
  http:
  - route:
    - destination:
        host: productcatalogservice
        subset: v2
`,
  vsV1: `
apiVersion: networking.istio.io/v1beta1
kind: VirtualService
metadata:
  name: productcatalogservice
spec:
  hosts:
  - productcatalogservice
  http:
  - route:
    - destination:
        host: productcatalogservice
        subset: v1
`,
};

export const SEED_001 = {
  clusterYaml: `
apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
spec:
  profile: asm-multicloud
  revision: asm-186-8
  values:
    global:
      meshID: MESH_ID
      multiCluster:
        clusterName: CLUSTER_NAME
      network: NETWORK_ID
`,
  istiodService: `
apiVersion: v1
kind: Service
metadata:
  name: istiod
  namespace: istio-system
  labels:
    istio.io/rev: asm-186-8
    app: istiod
    istio: pilot
    release: istio
spec:
  ports:
  - port: 15010
    name: grpc-xds # plaintext
    protocol: TCP
  - port: 15012
    name: https-dns # mTLS with k8s-signed cert
    protocol: TCP
  - port: 443
    name: https-webhook # validation and injection
    targetPort: 15017
    protocol: TCP
  - port: 15014
    name: http-monitoring # prometheus stats
    protocol: TCP
  selector:
    app: istiod
    istio.io/rev: asm-186-8
`,
};

export const SEED_004 = {
  eastwestGateway: `
apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
metadata:
  name: eastwest
spec:
  revision: ""
  profile: empty
  components:
    ingressGateways:
      - name: istio-eastwestgateway
        label:
          istio: eastwestgateway
          app: istio-eastwestgateway
          topology.istio.io/network: network1
        enabled: true
        k8s:
          env:
            # traffic through this gateway should be routed inside the network
            - name: ISTIO_META_REQUESTED_NETWORK_VIEW
              value: network1
          service:
            ports:
              - name: status-port
                port: 15021
                targetPort: 15021
              - name: tls
                port: 15443
                targetPort: 15443
              - name: tls-istiod
                port: 15012
                targetPort: 15012
              - name: tls-webhook
                port: 15017
                targetPort: 15017
  values:
    gateways:
      istio-ingressgateway:
        injectionTemplate: gateway
    global:
      network: network1
`,
};

/**
 * Seed 000's asm-ingress.yaml with meshfleet's hardening (issue 10 point 4): a ServiceAccount
 * named after the gateway after the Service, the Deployment running as it with upstream Istio's
 * gateway-chart security contexts and resources, and the SDS RoleBinding bound to it, not `default`.
 * With `behindIngress` (a MultiClusterIngress fronts the gateway, as in seed 000), the Service is
 * ClusterIP (`type` not written) instead of the seed's LoadBalancer.
 */
export function hardenedAsmIngress(behindIngress = false): Array<Record<string, any>> {
  const [service, deployment, role, binding] = parseManifests(SEED_000.asmIngress);
  if (behindIngress) delete service.spec.type;
  const name = deployment.metadata.name;
  const spec = deployment.spec.template.spec;
  spec.serviceAccountName = name;
  spec.securityContext = { sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }], seccompProfile: { type: 'RuntimeDefault' } };
  spec.containers[0].resources = { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '2000m', memory: '1024Mi' } };
  spec.containers[0].securityContext = {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    privileged: false,
    readOnlyRootFilesystem: true,
    runAsGroup: 1337,
    runAsNonRoot: true,
    runAsUser: 1337,
  };
  binding.subjects = [{ kind: 'ServiceAccount', name }];
  const serviceAccount = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: deployment.metadata.namespace } };
  return [service, serviceAccount, deployment, role, binding];
}

/** The restricted container security context meshfleet fills in when the pod security context sets runAsNonRoot. */
export const FILLED_CONTAINER_CONTEXT = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } };

/** Microservices-demo's own pod security context, which the Online Boutique examples set on every workload. */
export const BOUTIQUE_POD_CONTEXT = { fsGroup: 1000, runAsGroup: 1000, runAsNonRoot: true, runAsUser: 1000 };

/**
 * A seed Deployment with the metadata labels meshfleet writes, as upstream Online Boutique and
 * bookinfo do: its pods' `app` (+ `version`) labels.
 */
export function labelledLikeItsPods(deployment: Record<string, any>): Record<string, any> {
  const copy = JSON.parse(JSON.stringify(deployment));
  copy.metadata.labels = { ...copy.spec.template.metadata.labels };
  return copy;
}

/**
 * A seed Online Boutique Deployment as the examples emit it: the seed's object plus the example's
 * pod security context ({@link BOUTIQUE_POD_CONTEXT}), the container security context meshfleet
 * fills in ({@link FILLED_CONTAINER_CONTEXT}) and the metadata labels ({@link labelledLikeItsPods});
 * nothing else changes.
 */
export function hardenedBoutiqueDeployment(deployment: Record<string, any>): Record<string, any> {
  const copy = labelledLikeItsPods(deployment);
  const spec = copy.spec.template.spec;
  spec.securityContext = { ...BOUTIQUE_POD_CONTEXT };
  for (const container of spec.containers) container.securityContext = { ...FILLED_CONTAINER_CONTEXT };
  return copy;
}
