export { analyze } from './analyze';
export { countFindings, formatFinding, hasErrors, SEVERITIES, sortFindings } from './findings';
export type { Finding, Severity } from './findings';
export type { AnalysisInput, KubeObject, TerraformStackJson, TopologyFacts } from './objects';
