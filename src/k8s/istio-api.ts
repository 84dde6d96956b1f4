import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  DestinationRule,
  DestinationRuleProps,
  DestinationRuleV1Beta1,
  DestinationRuleV1Beta1Props,
  Gateway,
  GatewayProps,
  ServiceEntry,
  ServiceEntryProps,
  ServiceEntryV1Beta1,
  ServiceEntryV1Beta1Props,
  GatewayV1Beta1,
  GatewayV1Beta1Props,
  VirtualService,
  VirtualServiceProps,
  VirtualServiceV1Beta1,
  VirtualServiceV1Beta1Props,
  WorkloadGroup,
  WorkloadGroupProps,
  WorkloadGroupV1Alpha3,
  WorkloadGroupV1Alpha3Props,
} from '../../imports/networking.istio.io';
import {
  AuthorizationPolicy,
  AuthorizationPolicyProps,
  AuthorizationPolicyV1Beta1,
  AuthorizationPolicyV1Beta1Props,
  PeerAuthentication,
  PeerAuthenticationProps,
  PeerAuthenticationV1Beta1,
  PeerAuthenticationV1Beta1Props,
} from '../../imports/security.istio.io';
import { IstioApiVersion } from '../topology/model/types';

/*
 * networking.istio.io (and security.istio.io) objects in the API version the mesh serves (`mesh.istioApiVersion`):
 * `v1` (Istio 1.22+ and fleet-managed Cloud Service Mesh) or `v1beta1` (older in-cluster
 * meshes such as ASM 1.8). The typed classes of both versions come from the same CRD and have
 * the same shape; the props are written against the `v1` interfaces. TypeScript enums are
 * nominal, so a `v1` props object is not assignable to the `V1Beta1` props type even though
 * every field (and every enum's string values) is the same: hence the casts below, which change
 * no value. WorkloadGroup is the exception in version choice, see {@link newWorkloadGroup}.
 */

/** A VirtualService in the given networking.istio.io version. */
export function newVirtualService(scope: Construct, id: string, version: IstioApiVersion, props: VirtualServiceProps): ApiObject {
  return version === 'v1' ? new VirtualService(scope, id, props) : new VirtualServiceV1Beta1(scope, id, props as unknown as VirtualServiceV1Beta1Props);
}

/** A DestinationRule in the given networking.istio.io version. */
export function newDestinationRule(scope: Construct, id: string, version: IstioApiVersion, props: DestinationRuleProps): ApiObject {
  return version === 'v1' ? new DestinationRule(scope, id, props) : new DestinationRuleV1Beta1(scope, id, props as unknown as DestinationRuleV1Beta1Props);
}

/** A Gateway (networking.istio.io, not Gateway API) in the given networking.istio.io version. */
export function newIstioGateway(scope: Construct, id: string, version: IstioApiVersion, props: GatewayProps): ApiObject {
  return version === 'v1' ? new Gateway(scope, id, props) : new GatewayV1Beta1(scope, id, props as unknown as GatewayV1Beta1Props);
}

/** A ServiceEntry in the given networking.istio.io version. */
export function newServiceEntry(scope: Construct, id: string, version: IstioApiVersion, props: ServiceEntryProps): ApiObject {
  return version === 'v1' ? new ServiceEntry(scope, id, props) : new ServiceEntryV1Beta1(scope, id, props as unknown as ServiceEntryV1Beta1Props);
}

/**
 * A WorkloadGroup in the version the mesh serves: `v1` on meshes that serve v1; otherwise
 * `v1alpha3`, the version Istio 1.8 introduced WorkloadGroup with (seed 004; ASM 1.8 of seed
 * 001), which later releases keep serving beside `v1beta1` and `v1` (the 1.29.6 CRD in
 * crds/istio serves all three), so it works on every pre-v1 mesh.
 */
export function newWorkloadGroup(scope: Construct, id: string, version: IstioApiVersion, props: WorkloadGroupProps): ApiObject {
  return version === 'v1' ? new WorkloadGroup(scope, id, props) : new WorkloadGroupV1Alpha3(scope, id, props as unknown as WorkloadGroupV1Alpha3Props);
}

/** A PeerAuthentication in the security.istio.io version the mesh serves (v1 from Istio 1.22, as networking). */
export function newPeerAuthentication(scope: Construct, id: string, version: IstioApiVersion, props: PeerAuthenticationProps): ApiObject {
  return version === 'v1' ? new PeerAuthentication(scope, id, props) : new PeerAuthenticationV1Beta1(scope, id, props as unknown as PeerAuthenticationV1Beta1Props);
}

/** An AuthorizationPolicy in the security.istio.io version the mesh serves (v1 from Istio 1.22, as networking). */
export function newAuthorizationPolicy(scope: Construct, id: string, version: IstioApiVersion, props: AuthorizationPolicyProps): ApiObject {
  return version === 'v1' ? new AuthorizationPolicy(scope, id, props) : new AuthorizationPolicyV1Beta1(scope, id, props as unknown as AuthorizationPolicyV1Beta1Props);
}
