import { loadBalancerPlaintextOf } from '../resolve/load-balancer-plaintext';
import {
  clusterKubernetesOf,
  formatRange,
  GKE_OLDEST_KUBERNETES_MINOR,
  GRPC_PROBE_KUBERNETES_MINOR,
  GRPC_PROBE_REWRITE_ISTIO_MINOR,
  kubernetesRangeOf,
  kubernetesSupportOf,
  meshSupportsNativeSidecars,
  minorOf,
} from '../resolve/mesh-support';
import { PROBE_KEYS } from './app-rules';
import { Problem, problem } from './problems';
import { isGkeCluster, ResolvedTopology, TopologyInput } from '../model/types';

/*
 * Rules of what the mesh supports: the Kubernetes versions of an in-cluster mesh version,
 * native sidecars, gRPC probes, and plain text from Google load balancers under STRICT mTLS.
 */

/** `kubernetesVersion` is declared on external clusters only, and lies within the mesh version's supported range. */
function checkKubernetesVersions(input: TopologyInput, model: ResolvedTopology, problems: Problem[]): void {
  let gkeReported = false;
  model.clusters.forEach((cluster, i) => {
    const declared = input.clusters[i]?.kubernetesVersion;
    if (declared !== undefined && isGkeCluster(cluster)) {
      problems.push(
        problem(
          `clusters[${i}].kubernetesVersion`,
          "a GKE cluster's Kubernetes version follows its release channel (releaseChannel)",
          declared,
          'no kubernetesVersion on a GKE cluster',
        ),
      );
      return;
    }
    const version = model.mesh?.install === undefined ? undefined : model.mesh.version;
    if (version === undefined || cluster.meshInstall === undefined || kubernetesSupportOf(version, cluster) !== 'unsupported') return;
    const range = formatRange(kubernetesRangeOf(version)!);
    if (clusterKubernetesOf(cluster).source === 'gke') {
      if (gkeReported) return;
      gkeReported = true;
      problems.push(
        problem(
          'mesh.version',
          `Istio ${version} supports Kubernetes ${range} (Istio's support matrix), and GKE cluster ${cluster.name} runs 1.${GKE_OLDEST_KUBERNETES_MINOR} or newer (the oldest minor GKE release channels still offer)`,
          version,
          `a mesh version that supports Kubernetes 1.${GKE_OLDEST_KUBERNETES_MINOR} or newer, such as the default (no mesh.version)`,
        ),
      );
      return;
    }
    problems.push(
      problem(
        `clusters[${i}].kubernetesVersion`,
        `mesh version ${version} supports Kubernetes ${range} only (Istio's support matrix: its APIs are removed or untested outside it)`,
        declared,
        `a cluster on Kubernetes ${range}, or a mesh.version that supports ${declared}`,
      ),
    );
  });
}

/** `nativeSidecar: true` only where the mesh can inject native sidecars. */
function checkNativeSidecars(model: ResolvedTopology, problems: Problem[]): void {
  model.apps.forEach((app, i) =>
    app.workloads.forEach((w, j) => {
      if (w.nativeSidecar !== true || model.mesh === undefined) return;
      const unable = model.clusters.filter((c) => c.meshMember && w.clusters.includes(c.name) && !meshSupportsNativeSidecars(model, c));
      if (unable.length === 0) return;
      problems.push(
        problem(
          `apps[${i}].workloads[${j}].nativeSidecar`,
          `the mesh cannot inject native sidecars in ${unable.map((c) => c.name).join(', ')} (needs Istio 1.24+ on Kubernetes 1.29+, or a fleet-managed mesh)`,
          true,
          'no nativeSidecar (or false), or a mesh version and clusters that support native sidecars',
        ),
      );
    }),
  );
}

/**
 * `grpc` probes only where they work: on Kubernetes 1.24+ (an external cluster that declares an
 * older version has no gRPC probes), and, for pods with a sidecar, under an in-cluster mesh
 * from Istio 1.13, whose injector rewrites them into checks by the sidecar's agent: an older
 * one leaves the kubelet's plain-text call to the sidecar, which mTLS refuses.
 */
function checkGrpcProbes(input: TopologyInput, model: ResolvedTopology, problems: Problem[]): void {
  const meshVersion = model.mesh?.management === 'in-cluster' ? model.mesh.version : undefined;
  const meshMinor = meshVersion === undefined ? undefined : minorOf(meshVersion);
  model.apps.forEach((app, i) =>
    app.workloads.forEach((w, j) => {
      const workload = input.apps?.[i]?.workloads?.[j];
      const keys = PROBE_KEYS.filter((k) => workload?.[k]?.grpc !== undefined);
      if (keys.length === 0) return;
      const clusters = model.clusters.filter((c) => w.clusters.includes(c.name));
      const oldKubernetes = clusters.flatMap((c) => {
        const kubernetes = clusterKubernetesOf(c);
        return kubernetes.source === 'declared' && kubernetes.minor < GRPC_PROBE_KUBERNETES_MINOR ? [`${c.name} runs Kubernetes ${kubernetes.version}`] : [];
      });
      const injected = w.podAnnotations['sidecar.istio.io/inject'] !== 'false';
      const unrewritten = meshMinor !== undefined && meshMinor < GRPC_PROBE_REWRITE_ISTIO_MINOR && injected ? clusters.filter((c) => c.meshMember) : [];
      for (const key of keys) {
        const path = `apps[${i}].workloads[${j}].${key}.grpc`;
        if (oldKubernetes.length > 0) {
          problems.push(
            problem(
              path,
              `${oldKubernetes.join(', ')}: gRPC probes need Kubernetes 1.${GRPC_PROBE_KUBERNETES_MINOR}+`,
              'a grpc probe',
              `an exec probe (e.g. grpc_health_probe in the image), or clusters on Kubernetes 1.${GRPC_PROBE_KUBERNETES_MINOR}+`,
            ),
          );
        }
        if (unrewritten.length > 0) {
          problems.push(
            problem(
              path,
              `Istio ${meshVersion!} does not rewrite gRPC probes (from 1.${GRPC_PROBE_REWRITE_ISTIO_MINOR}): the kubelet's plain-text check would reach the sidecar in ${unrewritten.map((c) => c.name).join(', ')}, and mTLS refuses it`,
              'a grpc probe',
              `an exec probe (e.g. grpc_health_probe in the image), or mesh.version 1.${GRPC_PROBE_REWRITE_ISTIO_MINOR}+`,
            ),
          );
        }
      }
    }),
  );
}

/** With `allowLoadBalancerPlaintext: false`, no Google load balancer may send plain text to sidecar pods under STRICT mTLS. */
function checkLoadBalancerPlaintext(model: ResolvedTopology, problems: Problem[]): void {
  if (model.mesh === undefined || model.mesh.allowLoadBalancerPlaintext) return;
  for (const found of loadBalancerPlaintextOf(model)) {
    const w = model.apps[found.app].workloads[found.workload];
    for (const source of found.sources) {
      problems.push(
        problem(
          source,
          `the load balancer sends plain HTTP and health checks to the sidecar pods of ${w.name} (ports ${found.ports.join(', ')}), which STRICT mTLS refuses: the backends would stay unhealthy`,
          'mesh.allowLoadBalancerPlaintext: false',
          `the mesh ingress gateway in front of ${w.name} (a MultiClusterService that selects its labels), or mesh.allowLoadBalancerPlaintext: true (a PERMISSIVE exception for those ports only), or mesh.mtls: PERMISSIVE`,
        ),
      );
    }
  }
}

/** `mesh.eastWestLoadBalancer` belongs to in-cluster meshes. */
function checkEastWestLoadBalancer(input: TopologyInput, problems: Problem[]): void {
  const mesh = input.mesh;
  if (mesh?.eastWestLoadBalancer !== undefined && mesh.management !== 'in-cluster') {
    problems.push(
      problem(
        'mesh.eastWestLoadBalancer',
        'a fleet-managed mesh has no east-west gateways of its own',
        mesh.eastWestLoadBalancer,
        'no eastWestLoadBalancer, or mesh.management: in-cluster',
      ),
    );
  }
}

/** Every rule of this file. */
export function checkMeshSupport(input: TopologyInput, model: ResolvedTopology, problems: Problem[]): void {
  checkKubernetesVersions(input, model, problems);
  checkNativeSidecars(model, problems);
  checkGrpcProbes(input, model, problems);
  checkLoadBalancerPlaintext(model, problems);
  checkEastWestLoadBalancer(input, problems);
}
