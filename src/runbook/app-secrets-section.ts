import { secretPlacementsOf } from '../topology/resolve/app-secrets';
import { createSecretCommand, kubectlApplyFile, rsaKeyPairCommands, secretFilePath, SECRETS_DIR_VARIABLE } from './commands';
import { blocks, code, Context, folderFiles, list, NAMESPACES_FILE, RunbookSection, sh } from './shared';

/**
 * App Secrets (never in the output folder): key pairs made once outside it, then the same
 * Secret created in every cluster that runs a workload using it, before the app folders.
 */
export function appSecretsSection(ctx: Context): RunbookSection | undefined {
  const placements = secretPlacementsOf(ctx.model);
  if (placements.length === 0) return undefined;
  const commands: string[] = [`export ${SECRETS_DIR_VARIABLE}="\${HOME}/meshfleet-secrets/${ctx.model.name}"`];
  const notes: string[] = [];
  for (const { namespace, secret, clusters } of placements) {
    commands.push(`# ${secret.name} (namespace ${namespace}): ${list(clusters)}`);
    if (secret.rsaKeyPair !== undefined) {
      commands.push(...rsaKeyPairCommands(namespace, secret.name, secret.rsaKeyPair));
    } else {
      notes.push(`Put the files of ${code(secret.name)} (${list(secret.keys.map(code))}) in ${secretFilePath(namespace, secret.name).replace(/"/g, '')} first.`);
    }
    for (const cluster of clusters) {
      const namespaces = folderFiles(ctx, cluster).includes(NAMESPACES_FILE) ? [kubectlApplyFile(cluster, ctx.k8sPath(cluster, NAMESPACES_FILE))] : [];
      commands.push(...namespaces, createSecretCommand(cluster, namespace, secret.name, secret.keys));
    }
  }
  const shared = placements.filter((p) => p.clusters.length > 1).map((p) => code(p.secret.name));
  return {
    title: 'App secrets',
    lines: blocks(
      `meshfleet never writes these Secrets. Make them before the app folders, whose pods mount them, and keep ${code(
        `$${SECRETS_DIR_VARIABLE}`,
      )} outside this output folder and out of Git. A key pair is generated only once (running the commands again keeps it)${
        shared.length > 0
          ? `, and ${list(shared)} ${shared.length === 1 ? 'gets' : 'get'} the same content in every cluster: tokens signed in one cluster are checked in the others`
          : ''
      }. Each cluster's ${code(NAMESPACES_FILE)} is applied first so the namespace exists.`,
      notes.join(' '),
      sh(commands),
    ),
  };
}
