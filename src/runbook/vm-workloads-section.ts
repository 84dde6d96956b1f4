import { VM_DIR_VARIABLE, vmWorkloadCommands } from './commands';
import { blocks, code, Context, RunbookSection, sh } from './shared';

/** VM workloads: their bootstrap files, made outside the output folder. */
export function vmWorkloadsSection(ctx: Context): RunbookSection | undefined {
  const vms = ctx.model.apps.flatMap((app) => app.vmWorkloads.map((vm) => ({ vm, namespace: app.namespace })));
  if (vms.length === 0 || ctx.model.mesh?.install === undefined) return undefined;
  const revision = ctx.model.mesh.revision;
  return {
    title: 'VM workloads',
    lines: blocks(
      `Per WorkloadGroup, fetch it from its cluster and make the VM's bootstrap files (the WorkloadEntry is created when the VM connects: ${code(
        '--autoregister',
      )}). Keep ${code(`$${VM_DIR_VARIABLE}`)} outside this output folder:`,
      sh([
        `export ${VM_DIR_VARIABLE}="\${HOME}/meshfleet-vm/${ctx.model.name}"`,
        ...vms.flatMap(({ vm, namespace }) => [
          `# ${vm.name} (namespace ${namespace}, registers with ${vm.cluster})`,
          ...vmWorkloadCommands({ name: vm.name, namespace, cluster: vm.cluster, ...(revision === undefined ? {} : { revision }) }),
        ]),
      ]),
      `The output of ${code('istioctl x workload entry configure')} holds a token (${code(
        'istio-token',
      )}, valid one hour by default) and the mesh root certificate: keep it out of this folder and out of Git, copy it to the VM over a secure channel, then delete it. On the VM, install the Istio sidecar with these files (Istio's virtual machine installation guide).`,
    ),
  };
}
