import { DOCUMENTATION_RANGES_TEXT, isDocumentationAddress } from '../topology/rules/address-ranges';
import { Finding } from './findings';
import { AnalysisInput, listAt, stringAt, terraformResources } from './objects';

/**
 * Checks of the Terraform stacks alone:
 * TF001 (warning) an authorized network of a GKE control plane is a documentation range
 *       (RFC 5737, RFC 3849): an example never replaced (`operatorCidrs`), which lets no operator
 *       in. A warning, not an error: the clusters still come up, and GKE's own ranges reach them.
 */
export function terraformChecks(input: AnalysisInput): Finding[] {
  const findings: Finding[] = [];
  for (const { stack, id, resource } of terraformResources(input, 'google_container_cluster')) {
    listAt(resource, 'master_authorized_networks_config.cidr_blocks').forEach((block, k) => {
      const cidr = stringAt(block, 'cidr_block');
      if (cidr === undefined || !isDocumentationAddress(cidr)) return;
      findings.push({
        code: 'TF001',
        severity: 'warning',
        cluster: `terraform/${stack}`,
        object: `google_container_cluster ${stringAt(resource, 'name') ?? id}`,
        path: `resource.google_container_cluster.${id}.master_authorized_networks_config.cidr_blocks[${k}].cidr_block`,
        message: `Authorized network ${cidr} is a documentation range (${DOCUMENTATION_RANGES_TEXT}) that no operator sends from (expected your egress range in operatorCidrs)`,
      });
    });
  }
  return findings;
}
