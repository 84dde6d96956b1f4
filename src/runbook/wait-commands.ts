import { contextFlag, shellQuote } from './commands';

/*
 * Shell command builders of the runbook's waits, checks and teardown. Same rules as
 * commands.ts: pasted from inside the output folder, kube contexts through the `CTX_<NAME>`
 * variables, every name from the topology quoted when it needs it. Loops poll until the object
 * exists (`kubectl wait` fails at once on an object that does not exist yet); interrupt them with
 * Ctrl-C when they take far longer than the step says.
 */

/** Variable naming the meshfleet project folder, where `npx meshfleet` runs. */
export const PROJECT_DIR_VARIABLE = 'MESHFLEET_PROJECT';

/** How long `kubectl wait` waits for CRDs to be established. */
export const CRD_TIMEOUT = '300s';
/** How long the rollout waits wait for Deployments and StatefulSets. */
export const ROLLOUT_TIMEOUT = '10m';
/** How long to wait for a multi-cluster Gateway to be programmed (load balancer creation). */
export const GATEWAY_TIMEOUT = '30m';

/** `until <probe>; do sleep <seconds>; done`. */
export function untilLoop(probe: string, seconds: number): string {
  return `until ${probe}; do sleep ${seconds}; done`;
}

/** `npx meshfleet <args>` run in the project folder, from anywhere: `(cd "${MESHFLEET_PROJECT}" && npx meshfleet ...)`. */
export function meshfleetCommand(args: string): string {
  return `(cd "\${${PROJECT_DIR_VARIABLE}}" && npx meshfleet ${args})`;
}

/**
 * Synthesizes this output folder again, then enters it again: synth swaps in a new folder, so
 * the shell's working folder is the old, removed one until `cd "${PWD}"`. `out` is the folder as
 * named to synth (relative to the project folder); without it, the working folder is passed
 * (captured before the `cd`), which is this output folder.
 */
export function resynthCommand(topology: string, out?: string): string {
  const synth = `npx meshfleet synth --topology ${topology} --out ${out ?? '"${out}"'}`;
  const capture = out === undefined ? 'out="${PWD}" && ' : '';
  return `(${capture}cd "\${${PROJECT_DIR_VARIABLE}}" && ${synth}) && cd "\${PWD}"`;
}

/**
 * Waits until the CRDs exist in a cluster, then until they are established. Fleet features
 * install them some minutes after the fleet stack is applied.
 */
export function crdWaitCommands(cluster: string, crds: readonly string[]): string[] {
  const names = crds.map((crd) => `crd/${crd}`).join(' ');
  return [
    untilLoop(`kubectl ${contextFlag(cluster)} get ${names} >/dev/null 2>&1`, 15),
    `kubectl ${contextFlag(cluster)} wait --for condition=established --timeout=${CRD_TIMEOUT} ${names}`,
  ];
}

/** Waits until a GatewayClass exists in a cluster. */
export function gatewayClassWaitCommand(cluster: string, className: string): string {
  return untilLoop(`kubectl ${contextFlag(cluster)} get gatewayclass ${shellQuote(className)} >/dev/null 2>&1`, 15);
}

/**
 * Waits until the fleet reports a ready managed control plane (`REVISION_READY`) for at least
 * `members` memberships.
 */
export function fleetMeshReadyWaitCommand(project: string, members: number): string {
  const count = `gcloud container fleet mesh describe --project ${shellQuote(project)} --format=json | grep -c REVISION_READY`;
  return untilLoop(`[ "$(${count})" -ge ${members} ]`, 30);
}

/** `kubectl wait` for every Deployment of a namespace to be Available. */
export function deploymentsAvailableCommand(cluster: string, namespace: string): string {
  return `kubectl ${contextFlag(cluster)} wait --for=condition=Available --timeout=${ROLLOUT_TIMEOUT} deployment --all -n ${shellQuote(namespace)}`;
}

/** `kubectl rollout status` of one StatefulSet. */
export function statefulSetRolloutCommand(cluster: string, namespace: string, name: string): string {
  return `kubectl ${contextFlag(cluster)} rollout status statefulset/${shellQuote(name)} -n ${shellQuote(namespace)} --timeout=${ROLLOUT_TIMEOUT}`;
}

/** Waits until a ServiceImport exists (the fleet makes it from the ServiceExports). */
export function serviceImportWaitCommand(cluster: string, namespace: string, name: string): string {
  return untilLoop(`kubectl ${contextFlag(cluster)} get serviceimport ${shellQuote(name)} -n ${shellQuote(namespace)} >/dev/null 2>&1`, 15);
}

/** `kubectl wait --for=condition=Programmed gateway/<name>`. */
export function gatewayProgrammedCommand(cluster: string, namespace: string, name: string): string {
  return `kubectl ${contextFlag(cluster)} wait --for=condition=Programmed gateway/${shellQuote(name)} -n ${shellQuote(namespace)} --timeout=${GATEWAY_TIMEOUT}`;
}

/** Prints a Gateway's addresses (status.addresses), one a line. */
export function gatewayAddressesCommand(cluster: string, namespace: string, name: string): string {
  return `kubectl ${contextFlag(cluster)} get gateway ${shellQuote(name)} -n ${shellQuote(namespace)} -o jsonpath='{range .status.addresses[*]}{.value}{"\\n"}{end}'`;
}

/** `kubectl get multiclusteringress <name> -o jsonpath='{.status.VIP}'`. */
export function mciVipCommand(cluster: string, namespace: string, name: string): string {
  return `kubectl ${contextFlag(cluster)} get multiclusteringress ${shellQuote(name)} -n ${shellQuote(namespace)} -o jsonpath='{.status.VIP}'`;
}

/** Waits until a command prints something. */
export function nonEmptyWaitCommand(command: string, seconds: number): string {
  return untilLoop(`[ -n "$(${command})" ]`, seconds);
}

/**
 * `curl` printing the HTTP status of `http://<address><path>`; `address` is written as given
 * (a `"${VARIABLE}"`), with the Host header of `host` when there is one.
 */
export function curlCommand(address: string, path: string, host?: string): string {
  const header = host === undefined ? '' : ` -H ${shellQuote(`Host: ${host}`)}`;
  return `curl -sS -o /dev/null -w '%{http_code}\\n'${header} "http://${address}${path}"`;
}

/**
 * `curl` printing the HTTP status of `https://<host>:<port><path>` with `host` resolved to
 * `address` (a `"${VARIABLE}"` IP), so TLS checks the certificate of that name; without a host
 * name, of `https://<address>:<port><path>` without checking the certificate (`-k`).
 */
export function httpsCurlCommand(address: string, port: number, path: string, host?: string): string {
  const at = port === 443 ? '' : `:${port}`;
  return host === undefined
    ? `curl -sS -k -o /dev/null -w '%{http_code}\\n' "https://${address}${at}${path}"`
    : `curl -sS -o /dev/null -w '%{http_code}\\n' --resolve "${host}:${port}:${address}" "https://${host}${at}${path}"`;
}

/** A concrete host name for a route or VirtualService host: `*` alone needs none, `*.a.b` becomes `www.a.b`. */
export function concreteHost(host: string): string | undefined {
  if (host === '*') return undefined;
  return host.startsWith('*.') ? `www.${host.slice(2)}` : host;
}

/** Service name of the east-west gateway that `istioctl install` creates. */
export const EAST_WEST_SERVICE = 'istio-eastwestgateway';

/** `kubectl get service istio-eastwestgateway -n istio-system -o jsonpath=<load balancer IP>`. */
export function eastWestAddressCommand(cluster: string): string {
  return `kubectl ${contextFlag(cluster)} get service ${EAST_WEST_SERVICE} -n istio-system -o jsonpath='{.status.loadBalancer.ingress[0].ip}'`;
}

/**
 * `istioctl uninstall --purge` of a cluster's control plane; Istio before 1.15 has it as the
 * experimental `istioctl x uninstall`.
 */
export function istioctlUninstallCommand(cluster: string, version?: string): string {
  const [major, minor] = (version ?? '').split('.').map(Number);
  const experimental = major === 1 && minor < 15 ? 'x ' : '';
  return `istioctl ${experimental}uninstall ${contextFlag(cluster)} -y --purge`;
}

/** `terraform -chdir=<dir> init` and `... destroy` for one stack folder. */
export function terraformDestroyCommands(stackDir: string): string[] {
  return [`terraform -chdir=${shellQuote(stackDir)} init`, `terraform -chdir=${shellQuote(stackDir)} destroy`];
}
