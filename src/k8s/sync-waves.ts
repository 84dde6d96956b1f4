import { CHART_FILES } from '../output/paths';
import type { ManifestFile, ManifestObject } from './manifest';

/** Annotation with which Argo CD orders the objects of one sync (lower waves first). */
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';

/**
 * Sync wave of each cluster-folder file that goes before the apps: namespaces (and the
 * cluster-admin binding istioctl needs) first, then the mesh's own objects (istio-system, the
 * managed mesh config, the mesh-wide PeerAuthentication, the shared ingress and egress gateways). Every other file (app namespaces,
 * multi-cluster ingress and gateway) stays in Argo CD's default wave 0, written nowhere.
 */
export const SYNC_WAVES: Readonly<Record<string, string>> = {
  [CHART_FILES.namespaces]: '-2',
  [CHART_FILES.clusterAdminBinding]: '-2',
  [CHART_FILES.istioSystem]: '-1',
  [CHART_FILES.managedMeshConfig]: '-1',
  [CHART_FILES.meshSecurity]: '-1',
  [CHART_FILES.ingressGateway]: '-1',
  [CHART_FILES.egressGateway]: '-1',
};

/** `object` with `annotation: value` added to `metadata.annotations` (its other annotations kept, in order). */
function annotated(object: ManifestObject, annotation: string, value: string): ManifestObject {
  const { annotations: existing, ...rest } = (object.metadata ?? {}) as Record<string, unknown>;
  const annotations = { ...((existing ?? {}) as Record<string, string>), [annotation]: value };
  // First, where cdk8s's sorted keys put it.
  return { ...object, metadata: { annotations, ...rest } };
}

/**
 * The files of a cluster folder with each object of a file in {@link SYNC_WAVES} annotated with
 * its wave, so that an Argo CD Application syncing the folder applies namespaces and mesh objects
 * before the apps (Argo CD waits for each wave to be healthy before the next). Other files are
 * returned as they are. Pure.
 */
export function withSyncWaves(files: readonly ManifestFile[]): ManifestFile[] {
  return files.map(({ file, objects }) => {
    const wave = SYNC_WAVES[file];
    return wave === undefined ? { file, objects } : { file, objects: objects.map((o) => annotated(o, SYNC_WAVE_ANNOTATION, wave)) };
  });
}
