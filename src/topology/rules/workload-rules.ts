import { Problem, problem, show } from './problems';
import { ResolvedTopology, ResolvedWorkload, TopologyInput, WorkloadInput } from '../model/types';

/** Apps and their workloads: unique namespaces and names, workload clusters, canaries, version splits, StatefulSets, exposure. */
export function checkApps(input: TopologyInput, model: ResolvedTopology, problems: Problem[]): void {
  const workloadClusters = model.clusters.filter((c) => c.role === 'workload').map((c) => c.name);
  const namespaces = new Map<string, number>();
  model.apps.forEach((app, i) => {
    if (app.workloads.length === 0 && app.vmWorkloads.length === 0 && app.serviceEntries.length === 0 && app.sidecar === undefined) {
      problems.push(
        problem(
          `apps[${i}]`,
          'an app needs something to run or configure',
          'no workloads, vmWorkloads, serviceEntries or sidecar',
          'at least one workload, VM workload or ServiceEntry, or a sidecar',
        ),
      );
    }
    const first = namespaces.get(app.namespace);
    if (first !== undefined) {
      problems.push(problem(`apps[${i}].namespace`, `duplicate app namespace, already used by apps[${first}]`, app.namespace, 'one apps entry per namespace'));
    } else {
      namespaces.set(app.namespace, i);
    }
    const names = new Map<string, number>();
    app.workloads.forEach((w, j) => {
      const at = `apps[${i}].workloads[${j}]`;
      const seen = names.get(w.name);
      if (seen !== undefined) {
        problems.push(problem(`${at}.name`, `duplicate workload name, already used by apps[${i}].workloads[${seen}]`, w.name, 'a unique name in the namespace'));
      } else {
        names.set(w.name, j);
      }
      w.clusters.forEach((cluster, k) => {
        if (!workloadClusters.includes(cluster)) {
          problems.push(problem(`${at}.clusters[${k}]`, 'not a workload cluster', cluster, `one of ${workloadClusters.join(', ')}`));
        }
      });
      if (w.canary !== undefined) {
        if (w.version === undefined) {
          problems.push(problem(`${at}.version`, 'a workload with a canary needs the version label of its stable pods', undefined, 'a version such as v1'));
        } else if (w.canary.version === w.version) {
          problems.push(problem(`${at}.canary.version`, 'the canary needs a version of its own', w.canary.version, `a version other than ${show(w.version)}`));
        }
        if (model.mesh === undefined) {
          problems.push(problem(`${at}.canary`, 'traffic splitting needs a service mesh', 'no mesh', 'a mesh entry'));
        }
      }
      versionProblems(problems, model, input.apps?.[i]?.workloads?.[j], w, at);
      kindProblems(problems, input.apps?.[i]?.workloads?.[j], w, at);
      if (w.expose !== undefined && model.mesh?.ingressGateway === undefined) {
        problems.push(problem(`${at}.expose`, 'exposing a workload needs the shared ingress gateway', 'no mesh.ingressGateway', 'mesh.ingressGateway'));
      }
    });
    splitNameProblems(problems, app.workloads, `apps[${i}]`);
  });
}

/**
 * VirtualService and DestinationRule names are unique in a namespace: a split's
 * `virtualServiceName` must not be another split's, nor the gateway VirtualService of an
 * exposed workload (`<name>`, or `<name>-ingress` for a workload with a split).
 */
function splitNameProblems(problems: Problem[], workloads: readonly ResolvedWorkload[], at: string): void {
  const taken = new Map<string, string>();
  const claim = (kind: string, name: string, path: string, owner: string) => {
    const first = taken.get(`${kind}/${name}`);
    if (first !== undefined) problems.push(problem(path, `${kind} name already used by ${first}`, name, `a ${kind} name unique in the namespace`));
    else taken.set(`${kind}/${name}`, owner);
  };
  workloads.forEach((w, j) => {
    if (w.expose !== undefined)
      claim('VirtualService', w.versions.length > 0 ? `${w.name}-ingress` : w.name, `${at}.workloads[${j}].expose`, `the gateway route of ${at}.workloads[${j}]`);
  });
  workloads.forEach((w, j) => {
    if (w.versions.length === 0) return;
    claim('VirtualService', w.virtualServiceName, `${at}.workloads[${j}].virtualServiceName`, `${at}.workloads[${j}] (its split or gateway route)`);
    claim('DestinationRule', w.destinationRuleName, `${at}.workloads[${j}].destinationRuleName`, `${at}.workloads[${j}]`);
  });
}

/**
 * `versions` and the settings of a traffic split: not with `version` or `canary`, unique names,
 * weights summing to 100, a mesh; `selectorIncludesVersion` needs a version label; the
 * VirtualService and DestinationRule names apply only to a split (`versions` or `canary`).
 */
function versionProblems(problems: Problem[], model: ResolvedTopology, input: WorkloadInput | undefined, w: ResolvedWorkload, at: string): void {
  const versions = input?.versions;
  if (versions !== undefined) {
    if (input?.canary !== undefined) {
      problems.push(problem(`${at}.versions`, 'give versions or canary (its two-version shorthand), not both', 'both', 'versions only'));
    }
    if (input?.version !== undefined) {
      problems.push(problem(`${at}.version`, 'with versions, the stable version is versions[0]', input.version, 'no version field'));
    }
    const seen = new Map<string, number>();
    versions.forEach((v, k) => {
      const first = seen.get(v.name);
      if (first !== undefined) {
        problems.push(problem(`${at}.versions[${k}].name`, `duplicate version, already used by versions[${first}]`, v.name, 'a unique version name'));
      } else {
        seen.set(v.name, k);
      }
      for (const label of ['app', 'version']) {
        if (v.labels?.[label] !== undefined) {
          problems.push(problem(`${at}.versions[${k}].labels.${label}`, 'set by meshfleet', v.labels[label], 'another label'));
        }
      }
    });
    const sum = versions.reduce((total, v) => total + v.weight, 0);
    if (sum !== 100) problems.push(problem(`${at}.versions`, 'the weights do not sum to 100', sum, 'weights summing to 100'));
    if (model.mesh === undefined) {
      problems.push(problem(`${at}.versions`, 'traffic splitting needs a service mesh', 'no mesh', 'a mesh entry'));
    }
  }
  if (w.selectorIncludesVersion && w.version === undefined) {
    problems.push(problem(`${at}.selectorIncludesVersion`, 'needs a version label', true, 'version, versions or canary'));
  }
  if (w.versions.length === 0) {
    for (const key of ['virtualServiceName', 'destinationRuleName'] as const) {
      if (input?.[key] !== undefined) {
        problems.push(problem(`${at}.${key}`, 'only a workload with versions or a canary has a traffic split', input[key], 'versions or canary'));
      }
    }
  }
}

/** Fields that only a StatefulSet takes. */
const STATEFULSET_KEYS = ['volumeClaimTemplates', 'podManagementPolicy', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy'] as const;

/**
 * What a workload's kind allows. A Deployment takes no StatefulSet fields. A StatefulSet has no
 * traffic split (`versions`, `canary`: each version would be a StatefulSet with volumes of its
 * own, the data not following the traffic; `updateStrategy.rollingUpdate.partition` stages a
 * rollout instead); `rollingUpdate` belongs to the `RollingUpdate` strategy; and a StatefulSet
 * with volumes runs in more than one cluster only when `clusters` says so, since every cluster
 * gets its own StatefulSet and volumes, and the distributed Service would spread clients over
 * copies that do not share data.
 */
function kindProblems(problems: Problem[], input: WorkloadInput | undefined, w: ResolvedWorkload, at: string): void {
  if (w.kind !== 'StatefulSet') {
    for (const key of STATEFULSET_KEYS.filter((k) => input?.[k] !== undefined)) {
      problems.push(problem(`${at}.${key}`, 'only a StatefulSet takes this', input![key], `no ${key}, or kind: StatefulSet`));
    }
    return;
  }
  for (const key of ['versions', 'canary'] as const) {
    if (input?.[key] === undefined) continue;
    problems.push(
      problem(
        `${at}.${key}`,
        'a StatefulSet has no traffic split: each version would need a StatefulSet and volumes of its own',
        input[key],
        `no ${key} (updateStrategy.rollingUpdate.partition stages a rollout), or kind: Deployment`,
      ),
    );
  }
  const strategy = w.updateStrategy;
  if (strategy?.type === 'OnDelete' && strategy.rollingUpdate !== undefined) {
    problems.push(
      problem(`${at}.updateStrategy.rollingUpdate`, 'only the RollingUpdate strategy takes rollingUpdate', strategy.rollingUpdate, 'no rollingUpdate, or type: RollingUpdate'),
    );
  }
  if (w.volumeClaimTemplates.length > 0 && input?.clusters === undefined && w.clusters.length > 1) {
    problems.push(
      problem(
        `${at}.clusters`,
        `without clusters, the StatefulSet would run in every workload cluster (${w.clusters.join(', ')}), each with volumes of its own that no cluster shares`,
        undefined,
        'the clusters that run it (list several only when the app replicates its own data)',
      ),
    );
  }
}
