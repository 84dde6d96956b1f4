import { DNS_LABEL_RE, DNS_NAME_MAX, STATEFULSET_NAME_MAX } from '../topology/rules/predicates';
import { Problem, problem } from '../topology/rules/problems';
import type { ClusterPlan, FleetPlan, PlannedComponent, PlannedFile, PlannedObject } from './types';
import { ResolvedTopology } from '../topology/model/types';

/*
 * Names of what meshfleet writes. Two kinds of checks:
 *
 * - on the input (`checkObjectNames`, with the other rules): gateways unique per namespace,
 *   subnets unique per region;
 * - on the plan (`checkPlanNames`, once the topology passed every other rule and its plan is
 *   built, see load.ts): over the objects the plan puts into each cluster, two objects of one
 *   kind, namespace and name (kubectl would apply one over the other), two constructs with one
 *   id in a file (synth fails: "There is already a Construct with name ..."), and derived names
 *   that Kubernetes refuses once meshfleet's and the controllers' suffixes are added. A clash is
 *   reported on the later claim, with the source paths of both.
 */

/** The parts of a source path: its app and workload entry (`apps[i].workloads[j]`) and what follows. */
const WORKLOAD_SOURCE = /^(apps\[(\d+)\]\.workloads\[(\d+)\])(?:\.(.+))?$/;

/** A claim on a name: the field that sets it, and what claims it, for messages. */
interface Claim {
  /** The field that sets the name, where a problem is reported. */
  readonly path: string;
  /** What takes the name, e.g. `the Service of apps[0].workloads[1]`. */
  readonly what: string;
}

/** Version `k` of a workload's split, as named by the plan's version source (`versions[k]`, `version`, `canary`). */
function versionOf(model: ResolvedTopology, app: number, workload: number, rest: string): string {
  const w = model.apps[app].workloads[workload];
  const k = rest === 'canary' ? 1 : rest === 'version' ? 0 : Number(/^versions\[(\d+)\]$/.exec(rest)![1]);
  return w.versions[k]?.name ?? w.version ?? '';
}

/** The field that sets a planned object's name, and what the object is. */
function objectClaim(model: ResolvedTopology, cluster: string, o: PlannedObject): Claim {
  const workload = WORKLOAD_SOURCE.exec(o.source);
  if (workload !== null) {
    const [, at, i, j, rest] = workload;
    const w = model.apps[Number(i)].workloads[Number(j)];
    if (rest === undefined) return { path: `${at}.name`, what: o.kind === 'Service' ? `the Service of ${at}` : at };
    if (rest === 'export') return { path: `${at}.name`, what: `the exported Service of ${at}${o.name === w.name ? '' : ` in cluster ${cluster}`}` };
    if (rest === 'sidecar') return { path: `${at}.name`, what: `the Sidecar of ${at}` };
    if (rest === 'expose') return { path: `${at}.name`, what: o.kind === 'VirtualService' ? `the gateway route of ${at}` : `the ingress gateway's ${o.kind} of ${at}` };
    if (rest === 'canary' || rest === 'version' || rest.startsWith('versions[')) {
      const version = versionOf(model, Number(i), Number(j), rest);
      const path = rest === 'canary' ? `${at}.canary.version` : rest === 'version' ? `${at}.version` : `${o.source}.name`;
      return { path, what: `the ${o.kind} of version ${version} of ${at}` };
    }
    return { path: `${o.source}.name`, what: o.source };
  }
  if (o.source === 'mesh.ingressGateway') return { path: 'mesh.ingressGateway.name', what: 'the shared ingress gateway' };
  if (o.source === 'mesh.egressGateway') return { path: 'mesh.egressGateway.name', what: 'the egress gateway' };
  if (/^apps\[\d+\]\.serviceEntries\[\d+\]\.(egressGateway|trafficPolicy)$/.test(o.source)) {
    const entry = o.source.replace(/\.[a-zA-Z]+$/, '');
    return { path: `${entry}.name`, what: `the ${o.kind} of ${o.source}` };
  }
  if (/^apps\[\d+\]\.serviceAccounts\[\d+\]$/.test(o.source)) return { path: o.source, what: o.source };
  if (/^apps\[\d+\]\.vmWorkloads\[\d+\]$/.test(o.source) && o.kind === 'ServiceAccount') return { path: `${o.source}.serviceAccount`, what: `the ServiceAccount of ${o.source}` };
  if (/\]$/.test(o.source)) return { path: `${o.source}.name`, what: o.source };
  return { path: o.source, what: o.source };
}

/** What a component builds, for the message of a construct id clash. */
function componentClaim(c: PlannedComponent): Claim {
  const at = WORKLOAD_SOURCE.exec(c.source)?.[1] ?? c.source;
  const path = /\]$/.test(at) ? `${at}.name` : at;
  switch (c.component) {
    case 'AppConfig':
      return { path: `${c.source}.namespace`, what: "the app's ConfigMaps and ServiceAccounts" };
    case 'Workload':
      return { path, what: `the objects of ${at}` };
    case 'ExportedService':
      return { path, what: `the exported Service ${c.name} of ${at}` };
    case 'WorkloadVersions':
      return { path, what: `the versions of ${at}` };
    case 'IstioMeshRoute':
    case 'GammaRoute':
      return { path: `apps[${c.app}].workloads[${c.workload}].name`, what: `the route of apps[${c.app}].workloads[${c.workload}]` };
    case 'VersionServices':
      return { path, what: `the per-version Services of ${at}` };
    case 'VersionServiceExports':
      return { path, what: `the per-version ServiceExports of ${at}` };
    case 'ExposedService':
      return { path, what: `the gateway route of ${at}` };
    case 'MultiClusterGateway':
    case 'ClusterGateway':
      return { path, what: `${c.source} (<namespace>-<name>)` };
    default:
      return { path, what: c.source };
  }
}

/** The scope a construct id lives in, for messages: an app's chart by its namespace, else the file. */
function chartOf(model: ResolvedTopology, file: PlannedFile): string {
  const app = file.components.find((c): c is Extract<PlannedComponent, { app: number }> => 'app' in c);
  return app === undefined ? `the ${file.path} chart` : `the chart of namespace ${model.apps[app.app].namespace}`;
}

/** Clashes of one cluster's objects (kind, namespace, name) and of its files' construct ids. */
function clusterClashes(model: ResolvedTopology, cluster: ClusterPlan, report: (p: Problem) => void): void {
  const objects = new Map<string, Claim>();
  for (const o of cluster.files.flatMap((f) => f.objects)) {
    // A ServiceExport always comes with its Service: the Service's clash says it.
    if (o.kind === 'ServiceExport') continue;
    const key = `${o.kind}/${o.namespace ?? ''}/${o.name}`;
    const claim = objectClaim(model, cluster.name, o);
    const first = objects.get(key);
    if (first === undefined) objects.set(key, claim);
    else {
      const where = o.namespace === undefined ? '' : ` in namespace ${o.namespace}`;
      report(problem(claim.path, `${claim.what} would be ${o.kind} ${o.name}${where}, already taken by ${first.what}`, o.name, 'a name of its own'));
    }
  }
  for (const file of cluster.files) {
    const ids = new Map<string, Claim>();
    for (const c of file.components) {
      const claim = componentClaim(c);
      const first = ids.get(c.id);
      if (first === undefined) ids.set(c.id, claim);
      else {
        const message = `${claim.what} would get the construct id ${c.id} in ${chartOf(model, file)} (synth fails on a repeated id), already taken by ${first.what}`;
        report(problem(claim.path, message, c.id, 'a name of its own'));
      }
    }
  }
}

/** Derived names Kubernetes refuses: Services that are no RFC 1035 label, StatefulSets too long for their revision labels, names too long for any object. */
function derivedNames(model: ResolvedTopology, cluster: ClusterPlan, report: (p: Problem) => void): void {
  for (const o of cluster.files.flatMap((f) => f.objects)) {
    const claim = objectClaim(model, cluster.name, o);
    const workload = WORKLOAD_SOURCE.exec(o.source);
    const rest = workload?.[4];
    if (o.kind === 'Service' && !DNS_LABEL_RE.test(o.name)) {
      if (rest === 'export' && o.name.length > 63) {
        const w = model.apps[Number(workload![2])].workloads[Number(workload![3])];
        report(
          problem(
            claim.path,
            `the exported Service of cluster ${cluster.name}, <name>-<cluster short name>, is ${o.name.length} characters long`,
            w.name,
            'a name that keeps it within 63 characters',
          ),
        );
      } else if (rest !== undefined && (rest === 'version' || rest === 'canary' || rest.startsWith('versions['))) {
        const version = versionOf(model, Number(workload![2]), Number(workload![3]), rest);
        report(
          problem(
            claim.path,
            `gateway-api routing writes a Service ${o.name} per version, which is not a Service name`,
            version,
            'a version that makes <name>-<version> an RFC 1035 label of at most 63 characters (no dots)',
          ),
        );
      } else {
        report(problem(claim.path, `${claim.what} would be Service ${o.name}, which is not a Service name`, o.name, 'an RFC 1035 label of at most 63 characters'));
      }
    } else if (o.kind === 'StatefulSet' && o.name.length > STATEFULSET_NAME_MAX) {
      report(
        problem(
          claim.path,
          `${claim.what} would be StatefulSet ${o.name}, whose controller-revision-hash label (<name>-<hash>) would exceed 63 characters`,
          o.name,
          `a name of at most ${STATEFULSET_NAME_MAX} characters`,
        ),
      );
    } else if (o.name.length > DNS_NAME_MAX) {
      report(problem(claim.path, `${claim.what} would be ${o.kind} ${o.name}, ${o.name.length} characters long`, o.name, `a name that keeps it within ${DNS_NAME_MAX} characters`));
    }
  }
}

/**
 * Name problems of a plan (see the comment at the top of this file), each reported once even
 * when several clusters hold the same objects, in cluster order.
 */
export function checkPlanNames(model: ResolvedTopology, plan: FleetPlan): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const report = (p: Problem) => {
    const key = `${p.path}\n${p.message}`;
    if (!seen.has(key)) problems.push(p);
    seen.add(key);
  };
  for (const cluster of plan.clusters) {
    derivedNames(model, cluster, report);
    clusterClashes(model, cluster, report);
  }
  return problems;
}
