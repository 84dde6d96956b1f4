import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { AuthorizationPolicySpecAction } from '../../imports/security.istio.io';
import { IstioApiVersion, RequestAuthenticationInput, ResolvedAuthorizationPolicy } from '../topology/model/types';
import { newAuthorizationPolicy, newRequestAuthentication } from './istio-api';

/** Properties of an {@link AppAuthorizationPolicy}. */
export interface AppAuthorizationPolicyProps {
  /** The app namespace. */
  readonly namespace: string;
  /** The policy (`apps[].authorizationPolicies[]`), in upstream's shape. */
  readonly policy: ResolvedAuthorizationPolicy;
  /** security.istio.io version the mesh serves. */
  readonly istioApiVersion: IstioApiVersion;
}

/**
 * A user's AuthorizationPolicy in the app namespace: the topology entry's fields are upstream's,
 * so the spec is the entry without its `name`, the action always written (ALLOW by default, as
 * Istio's), `rules` left out when there are none (Istio's deny-all form `spec: {}`).
 */
export class AppAuthorizationPolicy extends Construct {
  public readonly authorizationPolicy: ApiObject;

  public constructor(scope: Construct, id: string, props: AppAuthorizationPolicyProps) {
    super(scope, id);
    const { name, selector, action, provider, rules } = props.policy;
    this.authorizationPolicy = newAuthorizationPolicy(this, 'AuthorizationPolicy', props.istioApiVersion, {
      metadata: { name, namespace: props.namespace },
      spec: {
        ...(selector === undefined ? {} : { selector: { matchLabels: { ...selector.matchLabels } } }),
        action: AuthorizationPolicySpecAction[action],
        ...(provider === undefined ? {} : { provider: { name: provider.name } }),
        ...(rules.length === 0 ? {} : { rules }),
      },
    });
  }
}

/** Properties of an {@link AppRequestAuthentication}. */
export interface AppRequestAuthenticationProps {
  /** The app namespace. */
  readonly namespace: string;
  /** The RequestAuthentication (`apps[].requestAuthentications[]`), in upstream's shape. */
  readonly requestAuthentication: RequestAuthenticationInput;
  /** security.istio.io version the mesh serves. */
  readonly istioApiVersion: IstioApiVersion;
}

/**
 * A user's RequestAuthentication in the app namespace: the topology entry without its `name` is
 * the spec. `jwksUri` comes out as `jwks_uri`, the proto field name: the CRD lists both
 * spellings, cdk8s-cli folds them into one property written under the proto name, and Istio
 * reads both alike (the CRD's CEL checks both).
 */
export class AppRequestAuthentication extends Construct {
  public readonly requestAuthentication: ApiObject;

  public constructor(scope: Construct, id: string, props: AppRequestAuthenticationProps) {
    super(scope, id);
    const { name, selector, jwtRules } = props.requestAuthentication;
    this.requestAuthentication = newRequestAuthentication(this, 'RequestAuthentication', props.istioApiVersion, {
      metadata: { name, namespace: props.namespace },
      spec: {
        ...(selector === undefined ? {} : { selector: { matchLabels: { ...selector.matchLabels } } }),
        jwtRules,
      },
    });
  }
}
