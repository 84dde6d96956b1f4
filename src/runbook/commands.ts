import { gkeContextName } from '../gitops/clusters-file';
import { isGkeCluster, ResolvedCluster, ResolvedGkeCluster } from '../topology/model/types';

/*
 * Shell command builders of the runbook. Every command is meant to be pasted from inside the
 * output folder: file arguments are paths relative to it, kube contexts are the `CTX_<NAME>`
 * variables the runbook exports first. Pure string functions: no fs, no environment.
 */

/** Characters a shell word may hold without quoting. */
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** `word` quoted for a POSIX shell when it needs it (single quotes), as it is otherwise. */
export function shellQuote(word: string): string {
  if (SAFE_WORD.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Name of the variable holding a cluster's kube context: `CTX_` + the name upper-cased, `-` → `_`. */
export function contextVariable(cluster: string): string {
  return `CTX_${cluster.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}`;
}

/** The `--context=` argument of a cluster, through its variable: `--context="${CTX_CLUSTER1}"`. */
export function contextFlag(cluster: string): string {
  return `--context="\${${contextVariable(cluster)}}"`;
}

/**
 * `export CTX_<NAME>="..."`: the exact context of a GKE cluster, or a placeholder the operator
 * replaces for an external one (the kubeconfig context the cluster's own tooling created).
 */
export function contextExport(project: string, cluster: ResolvedCluster): string {
  const value = isGkeCluster(cluster) ? gkeContextName(project, cluster) : `<kubeconfig context of ${cluster.name}>`;
  return `export ${contextVariable(cluster.name)}="${value}"`;
}

/** `gcloud container clusters get-credentials <name> --zone <zone> --project <project>`. */
export function getCredentialsCommand(project: string, cluster: ResolvedGkeCluster): string {
  return `gcloud container clusters get-credentials ${cluster.name} --zone ${cluster.zone} --project ${project}`;
}

/** `terraform -chdir=<dir> init` and `... apply` for one stack folder. */
export function terraformCommands(stackDir: string): string[] {
  return [`terraform -chdir=${shellQuote(stackDir)} init`, `terraform -chdir=${shellQuote(stackDir)} apply`];
}

/** `kubectl --context=... apply -f <file>`. */
export function kubectlApplyFile(cluster: string, file: string): string {
  return `kubectl ${contextFlag(cluster)} apply -f ${shellQuote(file)}`;
}

/**
 * `kubectl --context=... apply -k <dir>`; `dir` is written as given (it may be a quoted variable).
 * With `serverSide`, `--server-side` keeps the applied objects out of the
 * `last-applied-configuration` annotation (needed for Secrets holding private keys).
 */
export function kubectlApplyKustomization(cluster: string, dir: string, options: { readonly serverSide?: boolean } = {}): string {
  const serverSide = options.serverSide ? ' --server-side' : '';
  return `kubectl ${contextFlag(cluster)} apply${serverSide} -k ${dir}`;
}

/** An `istioctl install --set <path>=<value of a shell variable>` setting. */
export interface IstioctlSetting {
  /** IstioOperator path, e.g. `values.global.remotePilotAddress`. */
  readonly path: string;
  /** Name of the shell variable holding the value. */
  readonly variable: string;
}

/**
 * `istioctl install --context=... -y -f <file>`: one IstioOperator input, with each setting as
 * `--set "<path>=${VARIABLE}"` (double quotes: the variable expands, the path's brackets do not glob).
 */
export function istioctlInstall(cluster: string, file: string, settings: readonly IstioctlSetting[] = []): string {
  const sets = settings.map((s) => ` --set "${s.path}=\${${s.variable}}"`).join('');
  return `istioctl install ${contextFlag(cluster)} -y -f ${shellQuote(file)}${sets}`;
}

/** Name of the variable holding the reserved east-west address of a primary: `EASTWEST_ADDRESS_<NAME>`. */
export function eastWestAddressVariable(cluster: string): string {
  return `EASTWEST_ADDRESS_${cluster.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}`;
}

/** `VAR="$(terraform -chdir=<stackDir> output -raw <output>)"`: a Terraform output read into a shell variable. */
export function terraformOutputAssignment(variable: string, stackDir: string, output: string): string {
  return `${variable}="$(terraform -chdir=${shellQuote(stackDir)} output -raw ${shellQuote(output)})"`;
}

/**
 * The `--server` argument of a remote secret, or `undefined` when the target's kubeconfig
 * server (its public endpoint) is the one to use. A private GKE target read by a GKE holder is
 * reached on its private endpoint, from the holder's pods inside the VPC.
 */
export function remoteSecretServer(project: string, holder: ResolvedCluster, target: ResolvedCluster): string | undefined {
  if (!isGkeCluster(target) || !target.private || !isGkeCluster(holder)) return undefined;
  const describe = `gcloud container clusters describe ${target.name} --zone ${target.zone} --project ${project} ` + `--format='value(privateClusterConfig.privateEndpoint)'`;
  return `--server="https://$(${describe})"`;
}

/**
 * `istioctl create-remote-secret ... | kubectl apply -f - ...`: gives `holder`'s istiod read
 * access to `target`'s API server. The secret (a bearer token of `target`) goes straight from
 * one cluster to the other through the pipe and is never written to a file.
 */
export function remoteSecretCommand(project: string, holder: ResolvedCluster, target: ResolvedCluster): string {
  const server = remoteSecretServer(project, holder, target);
  const create = ['istioctl create-remote-secret', contextFlag(target.name), `--name=${target.name}`, ...(server === undefined ? [] : [server])];
  return `${create.join(' ')} | kubectl apply -f - ${contextFlag(holder.name)}`;
}

/** What the runbook needs to know of one VM workload. */
export interface VmWorkloadRef {
  /** WorkloadGroup name. */
  readonly name: string;
  readonly namespace: string;
  /** Cluster whose istiod the VMs register with (it holds the WorkloadGroup). */
  readonly cluster: string;
  /** Control plane revision, when the mesh has one. */
  readonly revision?: string;
}

/** Variable naming the folder, outside the output folder, where VM bootstrap files are made. */
export const VM_DIR_VARIABLE = 'MESHFLEET_VM_DIR';

/**
 * The commands that make a VM workload's bootstrap files: fetch its WorkloadGroup from the
 * cluster (the synthesized file holds several objects) and run
 * `istioctl x workload entry configure ... --clusterID <cluster> --autoregister` on it. Both
 * write below `${MESHFLEET_VM_DIR}`, never into the output folder: the files include a token.
 */
export function vmWorkloadCommands(vm: VmWorkloadRef): string[] {
  const base = `"\${${VM_DIR_VARIABLE}}/${vm.name}`;
  const groupFile = `${base}-workloadgroup.yaml"`;
  const outDir = `${base}"`;
  const revision = vm.revision === undefined ? [] : [`--revision ${shellQuote(vm.revision)}`];
  return [
    `mkdir -p ${outDir}`,
    `kubectl ${contextFlag(vm.cluster)} -n ${vm.namespace} get workloadgroup ${vm.name} -o yaml > ${groupFile}`,
    ['istioctl x workload entry configure', contextFlag(vm.cluster), `-f ${groupFile}`, `-o ${outDir}`, `--clusterID ${vm.cluster}`, ...revision, '--autoregister'].join(' '),
  ];
}

/** Variable naming the folder, outside the output folder, where app secret files are made or kept. */
export const SECRETS_DIR_VARIABLE = 'MESHFLEET_SECRETS_DIR';

/** `"${MESHFLEET_SECRETS_DIR}/<namespace>/<secret>"` (quoted), or a file in it. */
export function secretFilePath(namespace: string, secret: string, file?: string): string {
  return `"\${${SECRETS_DIR_VARIABLE}}/${namespace}/${secret}${file === undefined ? '' : `/${file}`}"`;
}

/**
 * Makes an RSA key pair once: the private key only when it does not exist yet (so running the
 * commands again keeps the key every cluster already has), readable by its owner only, then
 * the public key from it.
 */
export function rsaKeyPairCommands(namespace: string, secret: string, pair: { readonly privateKey: string; readonly publicKey: string; readonly bits: number }): string[] {
  const privateKey = secretFilePath(namespace, secret, pair.privateKey);
  return [
    `mkdir -p ${secretFilePath(namespace, secret)}`,
    `test -f ${privateKey} || (umask 077 && openssl genrsa -out ${privateKey} ${pair.bits})`,
    `openssl rsa -in ${privateKey} -pubout -out ${secretFilePath(namespace, secret, pair.publicKey)}`,
  ];
}

/**
 * Creates (or updates) a Secret in one cluster from `kubectl create secret <args>` (`args`
 * starting with `-n <namespace>`). The manifest goes through a pipe, never to a file;
 * `--server-side` keeps its content out of the `last-applied-configuration` annotation.
 */
export function applySecretCommand(cluster: string, args: string): string {
  return `kubectl ${contextFlag(cluster)} ${args} --dry-run=client -o yaml | kubectl ${contextFlag(cluster)} apply --server-side -f -`;
}

/** Creates (or updates) a generic Secret from files in one cluster (see {@link applySecretCommand}). */
export function createSecretCommand(cluster: string, namespace: string, secret: string, keys: readonly string[]): string {
  const files = keys.map((key) => `--from-file=${key}=${secretFilePath(namespace, secret, key)}`);
  return applySecretCommand(cluster, [`-n ${namespace} create secret generic ${secret}`, ...files].join(' '));
}
