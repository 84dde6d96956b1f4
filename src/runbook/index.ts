export { CA_DIR_VARIABLE, CLUSTER_ADMIN_BINDING_FILE, DEFAULT_RUNBOOK_FOLDERS, NAMESPACES_FILE, TOPOLOGY_PLACEHOLDER } from './shared';
export type { RunbookClusterFolder, RunbookFolders, RunbookInput, RunbookSection } from './shared';
export { renderRunbook, runbookSections } from './runbook';
export * from './commands';
