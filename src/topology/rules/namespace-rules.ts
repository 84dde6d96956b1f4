import { FIXED_CLUSTER_FILES } from '../../output/paths';
import { Problem, problem } from './problems';
import { ResolvedTopology } from '../model/types';

/**
 * Namespaces that Kubernetes, GKE or the mesh own: an app there would mix its objects (and its
 * injection label) with the system's. `default` is an ordinary namespace and stays allowed.
 */
export const SYSTEM_NAMESPACES: readonly string[] = ['kube-system', 'kube-public', 'kube-node-lease', 'istio-system'];

/**
 * App namespaces: not a system namespace, and not a name whose file `<namespace>.yaml` would
 * take one of the fixed files of a cluster folder (`namespaces.yaml`, `kustomization.yaml`, ...).
 */
export function checkAppNamespaces(model: ResolvedTopology, problems: Problem[]): void {
  const reserved = FIXED_CLUSTER_FILES.map((file) => file.replace(/\.yaml$/, ''));
  model.apps.forEach((app, i) => {
    const path = `apps[${i}].namespace`;
    if (SYSTEM_NAMESPACES.includes(app.namespace)) {
      problems.push(problem(path, 'a system namespace cannot hold an app', app.namespace, `a namespace of the app's own (not ${SYSTEM_NAMESPACES.join(', ')})`));
    } else if (reserved.includes(app.namespace)) {
      problems.push(
        problem(
          path,
          `the app's file ${app.namespace}.yaml would replace a file meshfleet writes in every cluster folder`,
          app.namespace,
          `a namespace other than ${reserved.join(', ')}`,
        ),
      );
    }
  });
}
