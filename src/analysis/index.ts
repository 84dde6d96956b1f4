export { analyze } from './analyze';
export { countFindings, Finding, formatFinding, hasErrors, Severity, SEVERITIES, sortFindings } from './findings';
export { AnalysisInput, KubeObject, TerraformStackJson, TopologyFacts } from './objects';
