import { checkObject } from '../../../src/analysis/api-server/api-server-checks';
import { Finding } from '../../../src/analysis/findings';
import { KubeObject } from '../../../src/analysis/objects';

/** A namespaced object of `apiVersion` and `kind` named `name` in namespace `ns`. */
export function cr(apiVersion: string, kind: string, spec: Record<string, unknown>, name = 'example', extra: Record<string, unknown> = {}): KubeObject {
  return { apiVersion, kind, metadata: { name, namespace: 'ns' }, spec, ...extra };
}

/** The offline API-server findings of one object, as `[code, path, message]`. */
export function findingsOf(object: KubeObject): Array<[string, string, string]> {
  return checkObject(object, 'c1').map((f: Finding) => [f.code, f.path, f.message]);
}

/** The error findings of one object, as `[code, path]`. */
export function errorsOf(object: KubeObject): Array<[string, string]> {
  return checkObject(object, 'c1')
    .filter((f) => f.severity === 'error')
    .map((f) => [f.code, f.path]);
}

/** An HTTPRoute (Gateway API v1) with `rules`, attached to Gateway `gw`. */
export function httpRoute(rules: unknown[], extra: Record<string, unknown> = {}): KubeObject {
  return cr('gateway.networking.k8s.io/v1', 'HTTPRoute', { parentRefs: [{ name: 'gw' }], rules, ...extra });
}

/** A backendRef to Service `svc` port 8080. */
export const backend = { name: 'svc', port: 8080 };
