import { apiServerChecks } from './api-server/api-server-checks';
import { crossLayerChecks } from './cross-layer-checks';
import { Finding, sortFindings } from './findings';
import { gatewayApiChecks } from './gateway-api-checks';
import { istioChecks } from './istio-checks';
import { meshVersionChecks } from './mesh-version-checks';
import { terraformChecks } from './terraform-checks';
import { AnalysisInput } from './objects';

/**
 * Static analysis of a topology's synthesized output, needing no cluster: the offline istioctl
 * analyze checks, the Gateway API reference checks, the checks that the Kubernetes and
 * Terraform halves agree, the Terraform stacks' own checks, and the API server's own checks of every object (src/analysis/api-server). Pure: reads plain JSON only.
 * @returns every finding, ordered by cluster, object, path and code
 */
export function analyze(input: AnalysisInput): Finding[] {
  return sortFindings([
    ...istioChecks(input),
    ...gatewayApiChecks(input),
    ...crossLayerChecks(input),
    ...meshVersionChecks(input),
    ...terraformChecks(input),
    ...apiServerChecks(input),
  ]);
}
