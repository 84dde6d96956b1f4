/**
 * The Kubernetes Secrets a Gateway's HTTPS listeners name (`tls.certificateRefs`, single-cluster
 * GKE classes), and the ReferenceGrants that let the Gateway read those of other namespaces.
 */
import type { ResolvedGateway } from '../topology/model/types';
import { gatewayCertificateGrantName } from './names';

/** A TLS Secret of a Gateway's listeners. */
export interface GatewaySecret {
  readonly namespace: string;
  readonly name: string;
}

/** A ReferenceGrant, in `namespace`, letting the Gateway read the TLS Secrets `secrets` there. */
export interface CertificateReferenceGrant {
  readonly namespace: string;
  readonly name: string;
  readonly secrets: readonly string[];
}

/** Every Secret the listeners of `g` name, once each, in listener order (namespace: the Gateway's unless given). */
export function gatewaySecretsOf(g: ResolvedGateway): GatewaySecret[] {
  const seen = new Set<string>();
  const secrets: GatewaySecret[] = [];
  for (const ref of g.listeners.flatMap((l) => l.tls?.certificateRefs ?? [])) {
    const secret = { namespace: ref.namespace ?? g.namespace, name: ref.name };
    const key = `${secret.namespace}/${secret.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    secrets.push(secret);
  }
  return secrets;
}

/**
 * One ReferenceGrant per other namespace whose Secrets the listeners of `g` name (Gateway API:
 * a Gateway reads a Secret of another namespace only when a ReferenceGrant there allows it).
 */
export function certificateReferenceGrantsOf(g: ResolvedGateway): CertificateReferenceGrant[] {
  const byNamespace = new Map<string, string[]>();
  for (const s of gatewaySecretsOf(g)) {
    if (s.namespace === g.namespace) continue;
    byNamespace.set(s.namespace, [...(byNamespace.get(s.namespace) ?? []), s.name]);
  }
  return [...byNamespace].map(([namespace, secrets]) => ({ namespace, name: gatewayCertificateGrantName(g.name, g.namespace), secrets }));
}
