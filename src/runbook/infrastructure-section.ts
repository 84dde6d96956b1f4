import { TOPOLOGY_VARIABLE } from '../entry/run-entry-point';
import { LOCAL_STATE_FOLDER } from '../output/paths';
import { gkeClusters, isGkeCluster } from '../topology/model/types';
import { contextFlag, getCredentialsCommand, terraformCommands } from './commands';
import { blocks, code, Context, list, RunbookSection, sh } from './shared';

/** Terraform stacks in apply order and the credentials of the GKE clusters they create. */
export function infrastructureSection(ctx: Context): RunbookSection {
  const external = ctx.model.clusters.filter((c) => !isGkeCluster(c)).map((c) => c.name);
  const externalNote =
    external.length === 0
      ? undefined
      : `${list(external)} exist${external.length === 1 ? 's' : ''} already (platform: external): no Terraform creates ${external.length === 1 ? 'it' : 'them'}.`;
  if (ctx.input.stacks.length === 0) {
    return {
      title: 'Infrastructure',
      lines: blocks(
        'The clusters of this topology exist already (platform: external): meshfleet writes no Terraform for it. Check that each context reaches its cluster:',
        sh(external.map((name) => `kubectl ${contextFlag(name)} get namespaces`)),
      ),
    };
  }
  const stackDirs = ctx.input.stacks.map((stack) => `${ctx.folders.terraform}/stacks/${stack}`);
  const gke = gkeClusters(ctx.model);
  const privateClusters = gke.filter((c) => c.private).map((c) => c.name);
  const operatorCidrs = ctx.model.operatorCidrs;
  const privateNote =
    privateClusters.length === 0
      ? undefined
      : `${privateClusters.length === 1 ? 'The control plane' : 'The control planes'} of ${list(privateClusters)} ${
          privateClusters.length === 1 ? 'accepts' : 'accept'
        } only authorized networks: run the commands of this runbook ` +
        (operatorCidrs.length > 0
          ? `from an address in operatorCidrs (${operatorCidrs.join(', ')}).`
          : 'from an authorized address (operatorCidrs is empty: add your egress range to the topology).');
  return {
    title: 'Infrastructure (Terraform)',
    lines: blocks(
      `Apply the stacks in this order (${list(ctx.input.stacks.map(code))}); each reads the outputs of the ones before it.`,
      sh(stackDirs.flatMap(terraformCommands)),
      terraformStateNote(ctx),
      `Alternatively, from the meshfleet project: ${code(`cdktf deploy ${ctx.input.stacks.join(' ')}`)} with ${code(TOPOLOGY_VARIABLE)} set to the topology file (it synthesizes the same stacks again, into ${code('cdktf.out/terraform/')})` +
        (ctx.model.terraform.backend.type === 'local' ? `; it uses the same state files when this folder lies directly in the project, as ${code('dist/')} does.` : '.'),
      externalNote,
      'Then fetch the credentials of the GKE clusters (this creates the contexts above):',
      sh(gke.map((c) => getCredentialsCommand(ctx.project, c))),
      privateNote,
    ),
  };
}

/** Where the stacks' state lives, and what a later `meshfleet synth` keeps. */
export function terraformStateNote(ctx: Context): string {
  const kept =
    `${code('meshfleet synth')} replaces this folder but keeps each stack folder's ${code('.terraform/')}, ` +
    `${code('.terraform.lock.hcl')} and saved ${code('*.tfplan')} plans.`;
  const backend = ctx.model.terraform.backend;
  if (backend.type === 'gcs') {
    return `Terraform keeps each stack's state in the bucket, under ${code(`gs://${backend.bucket}/${backend.prefix}/<stack>/`)}. ${kept}`;
  }
  return (
    `Terraform keeps each stack's state in ${code(`../${LOCAL_STATE_FOLDER}/${ctx.model.name}/<stack>.tfstate`)}: beside this ` +
    `folder, not in it. Keep that folder, Terraform's only record of what it created, and keep it out of Git (state can hold secrets). ${kept}`
  );
}
