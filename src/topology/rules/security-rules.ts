import { remoteSecretsOf } from '../resolve/mesh-plan';
import { Problem, problem } from './problems';
import { isGkeCluster, ResolvedTopology, TopologyInput } from '../model/types';

/*
 * Rules of the secure defaults (issue 10 point 4): the opt-outs that only make sense in some
 * places, and the defaults that would lock operators or the mesh out if applied blindly.
 */

/**
 * Control-plane authorized networks: private clusters always have them; a public cluster that
 * keeps them (the default) needs operator ranges, or nobody outside Google Cloud reaches its
 * API server; and istiod on a public GKE cluster, whose node addresses are ephemeral, cannot
 * read a public cluster that keeps them.
 */
function checkAuthorizedNetworks(input: TopologyInput, model: ResolvedTopology, problems: Problem[]): void {
  model.clusters.forEach((cluster, i) => {
    if (!isGkeCluster(cluster)) return;
    const at = `clusters[${i}].authorizedNetworks`;
    if (cluster.private && input.clusters[i].authorizedNetworks === false) {
      problems.push(problem(at, 'a private cluster always limits its endpoint to the authorized networks', false, 'no authorizedNetworks (or true), or private: false'));
      return;
    }
    if (cluster.private || !cluster.authorizedNetworks) return;
    if (model.operatorCidrs.length === 0) {
      problems.push(
        problem(
          at,
          'this public control plane admits only the NAT addresses and operatorCidrs, and without operatorCidrs kubectl and terraform are locked out',
          true,
          'operatorCidrs such as 203.0.113.10/32 (your workstations and CI), or authorizedNetworks: false',
        ),
      );
    }
  });
  for (const { holder, target } of remoteSecretsOf(model)) {
    if (!isGkeCluster(target) || target.private || !target.authorizedNetworks) continue;
    if (!isGkeCluster(holder) || holder.private) continue;
    const i = model.clusters.indexOf(target);
    problems.push(
      problem(
        `clusters[${i}].authorizedNetworks`,
        `istiod of the public cluster ${holder.name} reads this control plane from ephemeral node addresses, which no authorized network admits`,
        true,
        `authorizedNetworks: false, or ${holder.name} private (its pods then leave through its region's NAT address)`,
      ),
    );
  }
}

/**
 * The security rules of a topology, in field order. Every problem names the field path of the
 * setting to change.
 */
export function checkSecurity(input: TopologyInput, model: ResolvedTopology, problems: Problem[]): void {
  checkAuthorizedNetworks(input, model, problems);
}
