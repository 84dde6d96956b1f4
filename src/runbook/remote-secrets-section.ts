import { isGkeCluster } from '../topology/model/types';
import { remoteSecretCommand, remoteSecretServer } from './commands';
import { blocks, code, Context, remoteSecretPairs, RunbookSection, sh } from './shared';

/** In-cluster meshes with several clusters: the remote secrets of endpoint discovery. */
export function remoteSecretsSection(ctx: Context): RunbookSection | undefined {
  const pairs = remoteSecretPairs(ctx);
  if (pairs.length === 0) return undefined;
  const withServer = pairs.filter((p) => remoteSecretServer(ctx.project, p.holder, p.target) !== undefined);
  const publicReaders = pairs.filter((p) => !isGkeCluster(p.holder) && isGkeCluster(p.target) && p.target.private);
  const notes: string[] = [];
  if (withServer.length > 0) {
    notes.push(`${code('--server')} points the holder at the private endpoint of a private GKE target, which the holder's pods reach inside the VPC.`);
  }
  for (const { holder, target } of publicReaders) {
    notes.push(`${holder.name} (external) reads ${target.name} on its public endpoint: ${holder.name}'s egress address must be among operatorCidrs.`);
  }
  return {
    title: 'Remote secrets (endpoint discovery)',
    lines: blocks(
      `After every control plane is installed: each primary's istiod reads the API server of the other mesh clusters. A remote secret holds a bearer token of its target cluster, which is why meshfleet never writes it to disk: each command pipes it straight into the holder cluster. Never redirect it to a file.`,
      sh(pairs.flatMap(({ holder, target }) => [`# ${holder.name} reads ${target.name}`, remoteSecretCommand(ctx.project, holder, target)])),
      notes.join(' '),
    ),
  };
}
