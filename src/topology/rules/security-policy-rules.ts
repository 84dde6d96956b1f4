import { parseIp } from './predicates';
import { Problem, problem } from './problems';
import { ResolvedApp, ResolvedTopology, WorkloadSelectorInput } from '../model/types';

/*
 * Rules about the Istio security policy of each app (`apps[].authorizationPolicies`,
 * `apps[].requestAuthentications`): what Istio's validation and the CRD's CEL refuse, and the
 * references meshfleet can check because it knows the workloads, namespaces and service accounts.
 */

/** The namespace Istio's control plane runs in, whose service accounts meshfleet does not list. */
const CONTROL_PLANE_NAMESPACE = 'istio-system';

/**
 * Istio's authorization condition keys (https://istio.io/latest/docs/reference/config/security/conditions/):
 * plain keys, and keys that take a `[name]` (a header, a claim; claims may nest as `[a][b]`).
 */
const CONDITION_KEYS: readonly string[] = [
  'source.ip',
  'remote.ip',
  'source.namespace',
  'source.principal',
  'request.auth.principal',
  'request.auth.audiences',
  'request.auth.presenter',
  'destination.ip',
  'destination.port',
  'connection.sni',
];
const CONDITION_KEY_RE = /^(request\.headers\[[^\]]+\]|request\.auth\.claims(\[[^\]]+\])+|experimental\.envoy\.filters\.[^\s]+)$/;
const CONDITION_KEYS_TEXT = `one of ${CONDITION_KEYS.join(', ')}, request.headers[<name>], request.auth.claims[<name>], experimental.envoy.filters.*`;

/** `<trust domain>/ns/<namespace>/sa/<service account>`, Istio's mTLS principal. */
const PRINCIPAL_RE = /^(.*)\/ns\/([^/]+)\/sa\/([^/]+)$/;

/** Whether `text` is a port number Istio takes in `ports` and `destination.port` (1 to 65535, digits only). */
function isPortText(text: string): boolean {
  return /^[0-9]{1,5}$/.test(text) && Number(text) >= 1 && Number(text) <= 65535;
}

/**
 * The label sets of the app's pods and VM workload entries, as the workload renderers write them:
 * `app: <name>`, `version` (each declared version, or the workload's own), the version's labels;
 * a VM workload's `labels`.
 */
function labelSets(app: ResolvedApp): Array<Readonly<Record<string, string>>> {
  const sets: Array<Readonly<Record<string, string>>> = [];
  for (const w of app.workloads) {
    if (w.versions.length === 0) sets.push({ app: w.name, ...(w.version === undefined ? {} : { version: w.version }) });
    for (const v of w.versions) sets.push({ app: w.name, version: v.name, ...v.labels });
  }
  for (const vm of app.vmWorkloads) sets.push(vm.labels);
  return sets;
}

function checkSelector(app: ResolvedApp, at: string, selector: WorkloadSelectorInput | undefined, problems: Problem[]): void {
  if (selector === undefined) return;
  const entries = Object.entries(selector.matchLabels);
  if (entries.length === 0) {
    problems.push(
      problem(`${at}.selector.matchLabels`, 'an empty selector selects every workload; leave the selector out to say so', selector.matchLabels, 'labels such as app: <workload>'),
    );
    return;
  }
  if (!labelSets(app).some((labels) => entries.every(([key, value]) => labels[key] === value))) {
    problems.push(
      problem(
        `${at}.selector.matchLabels`,
        `the selector matches no workload of the app (pods carry app: <workload>, version: <version> and the version's labels)`,
        entries.map(([k, v]) => `${k}: ${v}`).join(', '),
        `labels of a workload of ${app.namespace}, e.g. app: ${app.workloads[0]?.name ?? app.vmWorkloads[0]?.name ?? '<workload>'}`,
      ),
    );
  }
}

/**
 * The service accounts each namespace the topology manages holds: an app's (`default`, its
 * `serviceAccounts`, its workloads' and VM workloads'), the ingress gateway's; `undefined` for
 * istio-system (accounts meshfleet does not list).
 */
function serviceAccountsByNamespace(model: ResolvedTopology): Map<string, Set<string> | undefined> {
  const accounts = new Map<string, Set<string> | undefined>();
  const add = (namespace: string, names: readonly string[]) => {
    const set = accounts.get(namespace) ?? new Set<string>();
    names.forEach((name) => set.add(name));
    accounts.set(namespace, set);
  };
  for (const app of model.apps) {
    add(app.namespace, ['default', ...app.serviceAccounts, ...app.workloads.map((w) => w.serviceAccountName ?? 'default'), ...app.vmWorkloads.map((vm) => vm.serviceAccount)]);
  }
  const gateway = model.mesh?.ingressGateway;
  if (gateway !== undefined) add(gateway.namespace, [gateway.name]);
  if (gateway?.namespace !== CONTROL_PLANE_NAMESPACE) accounts.set(CONTROL_PLANE_NAMESPACE, undefined);
  return accounts;
}

function checkNamespace(accounts: Map<string, Set<string> | undefined>, path: string, namespace: string, value: string, problems: Problem[]): boolean {
  if (namespace.includes('*') || accounts.has(namespace)) return true;
  problems.push(
    problem(
      path,
      `no app or gateway of the topology runs in namespace ${namespace}, so the policy can never match it`,
      value,
      `a namespace of the topology: ${[...accounts.keys()].join(', ')}`,
    ),
  );
  return false;
}

function checkPrincipal(accounts: Map<string, Set<string> | undefined>, path: string, principal: string, problems: Problem[]): void {
  const match = PRINCIPAL_RE.exec(principal);
  if (match === null) return;
  const [, , namespace, account] = match;
  if (!checkNamespace(accounts, path, namespace, principal, problems) || account.includes('*')) return;
  const known = accounts.get(namespace);
  if (known !== undefined && !known.has(account)) {
    problems.push(
      problem(path, `no service account ${account} in namespace ${namespace} of the topology, so the policy can never match it`, principal, `one of ${[...known].join(', ')}`),
    );
  }
}

function checkBlocks(path: string, blocks: readonly string[] | undefined, problems: Problem[]): void {
  (blocks ?? []).forEach((block, k) => {
    if (parseIp(block, true) === undefined)
      problems.push(problem(`${path}[${k}]`, 'an IP block is an IP address or CIDR', block, 'such as 10.0.0.1 or 10.0.0.0/16 (no leading zeros)'));
  });
}

function checkPorts(path: string, ports: readonly string[] | undefined, problems: Problem[]): void {
  (ports ?? []).forEach((port, k) => {
    if (!isPortText(port)) problems.push(problem(`${path}[${k}]`, 'a port is a number from 1 to 65535', port, 'a port such as "9080"'));
  });
}

function checkAuthorizationPolicies(model: ResolvedTopology, app: ResolvedApp, i: number, problems: Problem[]): void {
  const accounts = serviceAccountsByNamespace(model);
  const names: string[] = [];
  app.authorizationPolicies.forEach((policy, j) => {
    const at = `apps[${i}].authorizationPolicies[${j}]`;
    if (model.mesh === undefined) problems.push(problem(at, 'an AuthorizationPolicy is an Istio object and needs a mesh', undefined, 'a mesh section'));
    const first = names.indexOf(policy.name);
    if (first >= 0)
      problems.push(problem(`${at}.name`, `duplicate AuthorizationPolicy name, already used by apps[${i}].authorizationPolicies[${first}].name`, policy.name, 'a unique name'));
    names.push(policy.name);
    checkSelector(app, at, policy.selector, problems);
    if (policy.action === 'CUSTOM' && policy.provider === undefined) {
      problems.push(problem(`${at}.provider`, 'action CUSTOM delegates to an external authorizer', undefined, 'provider.name, an extensionProviders name of the mesh config'));
    } else if (policy.action !== 'CUSTOM' && policy.provider !== undefined) {
      problems.push(problem(`${at}.provider`, `a provider is only used by action CUSTOM`, policy.provider.name, `no provider with action ${policy.action}`));
    }
    policy.rules.forEach((rule, r) => {
      const ruleAt = `${at}.rules[${r}]`;
      (rule.from ?? []).forEach(({ source }, f) => {
        const sourceAt = `${ruleAt}.from[${f}].source`;
        if (Object.keys(source).length === 0) problems.push(problem(sourceAt, 'Istio refuses an empty source', source, 'at least one field, or no from entry (any source)'));
        for (const field of ['principals', 'notPrincipals'] as const) {
          (source[field] ?? []).forEach((principal, k) => checkPrincipal(accounts, `${sourceAt}.${field}[${k}]`, principal, problems));
        }
        for (const field of ['namespaces', 'notNamespaces'] as const) {
          (source[field] ?? []).forEach((namespace, k) => checkNamespace(accounts, `${sourceAt}.${field}[${k}]`, namespace, namespace, problems));
        }
        for (const field of ['ipBlocks', 'notIpBlocks', 'remoteIpBlocks', 'notRemoteIpBlocks'] as const) checkBlocks(`${sourceAt}.${field}`, source[field], problems);
      });
      (rule.to ?? []).forEach(({ operation }, t) => {
        const operationAt = `${ruleAt}.to[${t}].operation`;
        if (Object.keys(operation).length === 0)
          problems.push(problem(operationAt, 'Istio refuses an empty operation', operation, 'at least one field, or no to entry (any operation)'));
        checkPorts(`${operationAt}.ports`, operation.ports, problems);
        checkPorts(`${operationAt}.notPorts`, operation.notPorts, problems);
      });
      (rule.when ?? []).forEach((condition, w) => {
        const whenAt = `${ruleAt}.when[${w}]`;
        if (!CONDITION_KEYS.includes(condition.key) && !CONDITION_KEY_RE.test(condition.key)) {
          problems.push(problem(`${whenAt}.key`, 'not an Istio authorization condition key', condition.key, CONDITION_KEYS_TEXT));
        }
        if ((condition.values ?? []).length === 0 && (condition.notValues ?? []).length === 0) {
          problems.push(problem(whenAt, 'a condition needs values to compare with', undefined, 'values or notValues'));
        }
        if (condition.key === 'destination.port') {
          checkPorts(`${whenAt}.values`, condition.values, problems);
          checkPorts(`${whenAt}.notValues`, condition.notValues, problems);
        }
        for (const field of ['values', 'notValues'] as const) {
          (condition[field] ?? []).forEach((value, k) => {
            if (condition.key === 'source.principal') checkPrincipal(accounts, `${whenAt}.${field}[${k}]`, value, problems);
            if (condition.key === 'source.namespace') checkNamespace(accounts, `${whenAt}.${field}[${k}]`, value, value, problems);
          });
        }
        if (['source.ip', 'remote.ip', 'destination.ip'].includes(condition.key)) {
          checkBlocks(`${whenAt}.values`, condition.values, problems);
          checkBlocks(`${whenAt}.notValues`, condition.notValues, problems);
        }
      });
    });
  });
}

/** Whether `text` is an https URL with a host (what `jwksUri` must be). */
function isHttpsUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && url.hostname !== '';
  } catch {
    return false;
  }
}

function checkRequestAuthentications(model: ResolvedTopology, app: ResolvedApp, i: number, problems: Problem[]): void {
  const names: string[] = [];
  app.requestAuthentications.forEach((auth, j) => {
    const at = `apps[${i}].requestAuthentications[${j}]`;
    if (model.mesh === undefined) problems.push(problem(at, 'a RequestAuthentication is an Istio object and needs a mesh', undefined, 'a mesh section'));
    const first = names.indexOf(auth.name);
    if (first >= 0)
      problems.push(problem(`${at}.name`, `duplicate RequestAuthentication name, already used by apps[${i}].requestAuthentications[${first}].name`, auth.name, 'a unique name'));
    names.push(auth.name);
    checkSelector(app, at, auth.selector, problems);
    auth.jwtRules.forEach((rule, k) => {
      if (rule.jwksUri !== undefined && !isHttpsUrl(rule.jwksUri)) {
        problems.push(
          problem(
            `${at}.jwtRules[${k}].jwksUri`,
            'keys fetched without TLS can be replaced on the way',
            rule.jwksUri,
            'an https URL such as https://example.com/.well-known/jwks.json',
          ),
        );
      }
    });
  });
}

/** Checks every app's AuthorizationPolicies and RequestAuthentications. */
export function checkSecurityPolicies(model: ResolvedTopology, problems: Problem[]): void {
  model.apps.forEach((app, i) => {
    checkAuthorizationPolicies(model, app, i, problems);
    checkRequestAuthentications(model, app, i, problems);
  });
}
