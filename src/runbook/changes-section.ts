import { PART_OF_LABEL } from '../k8s/ownership';
import { contextFlag } from './commands';
import { blocks, code, Context, foldersInTopologyOrder, RunbookSection, sh } from './shared';
import { resynthCommand } from './wait-commands';

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
    ),
  };
}
