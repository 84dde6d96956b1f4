export {
  CA_DIR_VARIABLE,
  CLUSTER_ADMIN_BINDING_FILE,
  DEFAULT_RUNBOOK_FOLDERS,
  NAMESPACES_FILE,
  renderRunbook,
  runbookSections,
  TOPOLOGY_PLACEHOLDER,
} from './runbook';
export type { RunbookClusterFolder, RunbookFolders, RunbookInput, RunbookSection } from './runbook';
export * from './commands';
