import { DNS_LABEL_RE } from './predicates';
import { Problem, problem } from './problems';
import { versionSplitOf } from '../resolve/traffic-split';
import { ResolvedApp, ResolvedTopology, ResolvedWorkload, TopologyInput } from '../model/types';

/*
 * Names that meshfleet derives for the Kubernetes objects of an app namespace, and the ids of
 * the constructs that make them (src/k8s/cluster-charts.ts): two objects of one kind with one
 * name in a namespace, or two constructs with one id in a chart, make synth fail ("There is
 * already a Construct with name ...") or write a folder that kubectl refuses. Each name is
 * claimed with the field path that sets it; the first claim wins, later ones are reported
 * (unless another rule already reported that field).
 */

/**
 * The entry a field belongs to for de-duplication with the other rules: its workload
 * (`apps[0].workloads[1]`) for a workload's fields, else the field itself.
 */
function ownerOf(path: string): string {
  return /^apps\[\d+\]\.workloads\[\d+\]/.exec(path)?.[0] ?? path;
}

/** A name taken in a namespace (or an id taken in a chart), and who takes it. */
interface Claim {
  readonly kind: string;
  readonly name: string;
  /** The field that sets the name. */
  readonly path: string;
  /** What takes it, for the message of a later claim. */
  readonly what: string;
}

/** Claims in one scope (a namespace, or a chart's construct ids); reports later claims of a name. */
class Claims {
  private readonly taken = new Map<string, Claim>();

  /** `what` of a claim: e.g. `would be Service x in namespace y`. */
  constructor(
    private readonly would: (claim: Claim) => string,
    private readonly reported: ReadonlySet<string>,
    private readonly problems: Problem[],
  ) {}

  claim(claim: Claim): void {
    const key = `${claim.kind}/${claim.name}`;
    const first = this.taken.get(key);
    if (first === undefined) {
      this.taken.set(key, claim);
    } else if (first.path !== claim.path && !this.reported.has(ownerOf(claim.path)) && !this.reported.has(ownerOf(first.path))) {
      this.problems.push(problem(claim.path, `${claim.what} ${this.would(claim)}, already taken by ${first.what}`, claim.name, 'a name of its own'));
    }
  }
}

/** Where a resolved workload's version `k` sets its name: `versions[k].name`, or the canary's version. */
function versionPath(input: TopologyInput, i: number, j: number, k: number): string {
  const at = `apps[${i}].workloads[${j}]`;
  if (input.apps?.[i]?.workloads?.[j]?.versions !== undefined) return `${at}.versions[${k}].name`;
  return k === 0 ? `${at}.version` : `${at}.canary.version`;
}

/** Whether the workload gets per-version Services and a GAMMA route (gateway-api routing). */
function hasVersionServices(model: ResolvedTopology, app: ResolvedApp, w: ResolvedWorkload): boolean {
  const routed = app.routes.some((r) => r.service === w.name);
  return model.mesh?.routing === 'gateway-api' && w.port !== undefined && (routed || versionSplitOf(w).length > 1);
}

/** Kubernetes objects of an app namespace: Deployments, StatefulSets, Services and ServiceAccounts. */
function claimObjects(input: TopologyInput, model: ResolvedTopology, app: ResolvedApp, i: number, claims: Claims, problems: Problem[]): void {
  const gateway = model.mesh?.ingressGateway;
  if (gateway !== undefined && gateway.namespace === app.namespace) {
    claims.claim({ kind: 'Deployment', name: gateway.name, path: 'mesh.ingressGateway.name', what: 'the shared ingress gateway' });
    claims.claim({ kind: 'Service', name: gateway.name, path: 'mesh.ingressGateway.name', what: 'the shared ingress gateway' });
  }
  const shortNames = new Map(model.clusters.map((c) => [c.name, c.shortName]));
  app.workloads.forEach((w, j) => {
    const at = `apps[${i}].workloads[${j}]`;
    claims.claim({ kind: w.kind, name: w.name, path: `${at}.name`, what: `${at}` });
    if (w.port !== undefined) claims.claim({ kind: 'Service', name: w.name, path: `${at}.name`, what: `the Service of ${at}` });
    w.extraServices.forEach((extra, k) => claims.claim({ kind: 'Service', name: extra.name, path: `${at}.extraServices[${k}].name`, what: `${at}.extraServices[${k}]` }));
    if (model.mesh !== undefined) {
      w.versions.slice(1).forEach((v, k) =>
        claims.claim({ kind: 'Deployment', name: `${w.name}-${v.name}`, path: versionPath(input, i, j, k + 1), what: `the Deployment of version ${v.name} of ${at}` }),
      );
    }
    if (w.export && w.port !== undefined) {
      for (const cluster of w.clusters) {
        const name = `${w.name}-${shortNames.get(cluster) ?? cluster}`;
        if (name.length > 63) {
          problems.push(problem(`${at}.name`, `the exported Service of cluster ${cluster}, <name>-<cluster short name>, is ${name.length} characters long`, w.name, 'a name that keeps it within 63 characters'));
        }
        claims.claim({ kind: 'Service', name, path: `${at}.name`, what: `the exported Service of ${at} in cluster ${cluster}` });
      }
    }
    if (hasVersionServices(model, app, w)) {
      versionSplitOf(w).forEach(({ version }, k) => {
        const name = `${w.name}-${version}`;
        const path = w.versions.length > 0 ? versionPath(input, i, j, k) : `${at}.version`;
        if (!DNS_LABEL_RE.test(name)) {
          problems.push(problem(path, `gateway-api routing writes a Service ${name} per version, which is not a Service name`, version, 'a version that makes <name>-<version> an RFC 1035 label of at most 63 characters (no dots)'));
        }
        claims.claim({ kind: 'Service', name, path, what: `the Service of version ${version} of ${at}` });
      });
    }
  });
  app.serviceAccounts.forEach((name, k) => claims.claim({ kind: 'ServiceAccount', name, path: `apps[${i}].serviceAccounts[${k}]`, what: `apps[${i}].serviceAccounts[${k}]` }));
}

/**
 * Construct ids of the app's chart (see `addWorkload` and `buildClusterCharts` in
 * src/k8s/cluster-charts.ts): `app-config`, `<workload>`, `<service>-export`,
 * `<workload>-versions`, `-route`, `-version-services`, `-exposed`, `<vm>-vm`,
 * `<entry>-service-entry`.
 */
function claimConstructIds(model: ResolvedTopology, app: ResolvedApp, i: number, ids: Claims): void {
  const kind = 'construct';
  const mesh = model.mesh;
  ids.claim({ kind, name: 'app-config', path: `apps[${i}].namespace`, what: "the app's ConfigMaps and ServiceAccounts" });
  const shortNames = new Map(model.clusters.map((c) => [c.name, c.shortName]));
  app.workloads.forEach((w, j) => {
    const at = `apps[${i}].workloads[${j}]`;
    const path = `${at}.name`;
    const id = (suffix: string, what: string) => ids.claim({ kind, name: `${w.name}${suffix}`, path, what: `${what} of ${at}` });
    id('', 'the objects');
    if (w.export && w.port !== undefined) {
      id('-export', 'the exported Service');
      for (const cluster of w.clusters) id(`-${shortNames.get(cluster) ?? cluster}-export`, `the exported Service in ${cluster}`);
    }
    if (mesh === undefined) return;
    const routed = app.routes.some((r) => r.service === w.name);
    if (w.versions.length > 0) id('-versions', 'the versions');
    if (routed || hasVersionServices(model, app, w)) id('-route', 'the route');
    if (hasVersionServices(model, app, w)) id('-version-services', 'the per-version Services');
    if (w.expose !== undefined && mesh.ingressGateway !== undefined) id('-exposed', 'the gateway route');
  });
  app.vmWorkloads.forEach((vm, j) => ids.claim({ kind, name: `${vm.name}-vm`, path: `apps[${i}].vmWorkloads[${j}].name`, what: `apps[${i}].vmWorkloads[${j}]` }));
  if (mesh !== undefined) {
    app.serviceEntries.forEach((entry, j) =>
      ids.claim({ kind, name: `${entry.name}-service-entry`, path: `apps[${i}].serviceEntries[${j}].name`, what: `apps[${i}].serviceEntries[${j}]` }),
    );
  }
}

/**
 * Gateways of the config cluster's `multi-cluster-gateway.yaml`: one Gateway per namespace and
 * name, and one construct id `<namespace>-<name>` per gateway.
 */
function checkGatewayNames(model: ResolvedTopology, reported: ReadonlySet<string>, problems: Problem[]): void {
  const ids = new Claims((c) => `would get the construct id ${c.name} in the multi-cluster-gateway.yaml chart (synth fails on a repeated id)`, reported, problems);
  const objects = new Map<string, number>();
  model.gateways.forEach((g, i) => {
    const path = `gateways[${i}].name`;
    const first = objects.get(`${g.namespace}/${g.name}`);
    if (first !== undefined) {
      problems.push(problem(path, `duplicate gateway, gateways[${first}] has this name in namespace ${g.namespace}`, g.name, 'a gateway name unique in its namespace'));
      return;
    }
    objects.set(`${g.namespace}/${g.name}`, i);
    ids.claim({ kind: 'construct', name: `${g.namespace}-${g.name}`, path, what: `gateways[${i}] (<namespace>-<name>)` });
  });
}

/** Subnets of the custom VPC: one name per region (GCP's rule, and the network stack's construct id `subnet-<name>-<region>`). */
function checkSubnetNames(model: ResolvedTopology, problems: Problem[]): void {
  const first = new Map<string, number>();
  model.network.subnets.forEach((subnet, i) => {
    const key = `${subnet.region}/${subnet.name}`;
    const earlier = first.get(key);
    if (earlier !== undefined) {
      problems.push(problem(`network.subnets[${i}].name`, `duplicate subnet in ${subnet.region}, already declared by network.subnets[${earlier}]`, subnet.name, 'a subnet name unique in its region'));
    } else {
      first.set(key, i);
    }
  });
}

/**
 * Object names and construct ids of every app namespace, of the gateways and of the subnets: no two objects
 * of one kind share a name in a namespace, no two constructs share an id in a chart, and
 * derived Service names are Service names.
 */
export function checkObjectNames(input: TopologyInput, model: ResolvedTopology, problems: Problem[]): void {
  const reported = new Set(problems.flatMap((p) => [p.path, ownerOf(p.path)]));
  model.apps.forEach((app, i) => {
    const objects = new Claims((c) => `would be ${c.kind} ${c.name} in namespace ${app.namespace}`, reported, problems);
    claimObjects(input, model, app, i, objects, problems);
    const ids = new Claims((c) => `would get the construct id ${c.name} in the chart of namespace ${app.namespace} (synth fails on a repeated id)`, reported, problems);
    claimConstructIds(model, app, i, ids);
  });
  checkGatewayNames(model, reported, problems);
  checkSubnetNames(model, problems);
}
