import { PART_OF_LABEL } from '../k8s/ownership';
import { contextFlag } from './commands';
import { blocks, code, Context, foldersInTopologyOrder, RunbookSection, sh } from './shared';
import { resynthCommand } from './wait-commands';

/**
 * What pruning does not do for StatefulSets with volume claim templates: their claims carry no
 * meshfleet label (the controller labels them with the selector, `app=<name>`), so they and
 * their disks stay when a StatefulSet leaves; and a live StatefulSet refuses changes outside
 * its pod template, replicas and update strategy.
 */
function statefulSetLines(ctx: Context): string | undefined {
  const stateful = ctx.model.apps.some((app) => app.workloads.some((w) => w.kind === 'StatefulSet' && w.volumeClaimTemplates.length > 0));
  if (!stateful) return undefined;
  return `A StatefulSet's PersistentVolumeClaims carry no meshfleet label: when a StatefulSet leaves the topology or a cluster, its claims and their disks (the data) stay, unless its ${code('persistentVolumeClaimRetentionPolicy')} says ${code(
    'whenDeleted: Delete',
  )}; delete them with ${code('kubectl delete pvc -n <namespace> -l app=<name>')}. Kubernetes refuses changes to a live StatefulSet's ${code('volumeClaimTemplates')} and ${code('podManagementPolicy')}: delete it with ${code(
    'kubectl delete statefulset <name> -n <namespace> --cascade=orphan',
  )} (its pods and claims stay) and apply the folder again.`;
}

/** Changing the deployment: re-synth, then apply each folder with pruning by the part-of label. */
export function updatesSection(ctx: Context): RunbookSection | undefined {
  const folders = foldersInTopologyOrder(ctx);
  const selector = `${PART_OF_LABEL}=${ctx.model.name}`;
  const inCluster = ctx.model.mesh?.install !== undefined;
  return {
    title: 'Changes',
    lines: blocks(
      `Edit the topology, synthesize this folder again, ${ctx.input.stacks.length > 0 ? 'apply the Terraform stacks again as above' : 'run the steps above that changed'}${
        inCluster ? ' (and `istioctl install` again for changed `mesh-install/` files)' : ''
      }, then each cluster folder. With ${code(`--prune -l ${selector}`)}, kubectl also deletes the objects of the common kinds (Deployments, Services, ConfigMaps, Secrets, Namespaces ...) that carry that label but are no longer in the folder: every object meshfleet writes carries it (and ${code(
        'app.kubernetes.io/managed-by=meshfleet',
      )}). A namespace that leaves the topology goes with everything in it.${inCluster ? ' The `cacerts` and remote secrets carry no meshfleet label and are kept.' : ''}`,
      sh([resynthCommand(ctx.topologyArg, ctx.outArg), ...folders.map((f) => `kubectl ${contextFlag(f.cluster)} apply --prune -l ${selector} -k ${ctx.k8sPath(f.cluster)}`)]),
      statefulSetLines(ctx),
    ),
  };
}
