import { MODEL_DEFAULTS } from '../generated/defaults.generated';
import { AuthorizationPolicyInput, RequestAuthenticationInput, ResolvedAuthorizationPolicy } from '../model/types';

/*
 * Defaults of an app's Istio security policy (`apps[].authorizationPolicies`,
 * `apps[].requestAuthentications`): everything else stays as given, in upstream's shape.
 */

/** An AuthorizationPolicy with its action (ALLOW) and rules ([]) filled in, copied from the input. */
export function resolveAuthorizationPolicy(policy: AuthorizationPolicyInput): ResolvedAuthorizationPolicy {
  const { action, rules, ...rest } = structuredClone(policy);
  return { ...rest, action: action ?? MODEL_DEFAULTS.AuthorizationPolicyInput.action, rules: rules ?? [] };
}

/** A copy of a RequestAuthentication (it has no defaults to fill in). */
export function resolveRequestAuthentication(auth: RequestAuthenticationInput): RequestAuthenticationInput {
  return structuredClone(auth);
}
