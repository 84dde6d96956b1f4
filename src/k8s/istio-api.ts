import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  DestinationRule,
  DestinationRuleProps,
  DestinationRuleV1Beta1,
  Gateway,
  GatewayProps,
  ServiceEntry,
  ServiceEntryProps,
  ServiceEntryV1Beta1,
  GatewayV1Beta1,
  Sidecar,
  SidecarProps,
  SidecarV1Beta1,
  VirtualService,
  VirtualServiceProps,
  VirtualServiceV1Beta1,
  WorkloadGroup,
  WorkloadGroupProps,
  WorkloadGroupV1Alpha3,
} from '../../imports/networking.istio.io';
import {
  AuthorizationPolicy,
  AuthorizationPolicyProps,
  AuthorizationPolicyV1Beta1,
  PeerAuthentication,
  PeerAuthenticationProps,
  PeerAuthenticationV1Beta1,
  RequestAuthentication,
  RequestAuthenticationProps,
  RequestAuthenticationV1Beta1,
} from '../../imports/security.istio.io';
import { IstioApiVersion } from '../topology/model/types';

/*
 * networking.istio.io (and security.istio.io) objects in the API version the mesh serves (`mesh.istioApiVersion`):
 * `v1` (Istio 1.22+ and fleet-managed Cloud Service Mesh) or an older version (ASM 1.8 and other
 * in-cluster meshes before 1.22). One table says which imported class renders each kind in each
 * version; one generic function picks the class. The props are written against the `v1` interfaces.
 */

/** An imported cdk8s class of one Istio kind in one version, taking props of type `P`. */
type IstioClass<P> = new (scope: Construct, id: string, props: P) => ApiObject;

/** The classes of one kind: `v1`, and the one every pre-v1 mesh serves. */
interface VersionedClasses<P> {
  readonly v1: IstioClass<P>;
  readonly preV1: IstioClass<P>;
}

/**
 * `v1` and pre-v1 classes of one kind, typed by the `v1` props. Both classes come from the same
 * CRD and have the same shape, but TypeScript enums are nominal, so a `v1` props object is not
 * assignable to the pre-v1 props type even though every field (and every enum's string values) is
 * the same: hence the one cast here, which changes no value.
 */
function versioned<P, Q>(v1: IstioClass<P>, preV1: IstioClass<Q>): VersionedClasses<P> {
  return { v1, preV1: preV1 as unknown as IstioClass<P> };
}

/** The `v1` props of each kind meshfleet writes. */
interface IstioPropsByKind {
  readonly VirtualService: VirtualServiceProps;
  readonly DestinationRule: DestinationRuleProps;
  readonly Gateway: GatewayProps;
  readonly ServiceEntry: ServiceEntryProps;
  readonly Sidecar: SidecarProps;
  readonly WorkloadGroup: WorkloadGroupProps;
  readonly PeerAuthentication: PeerAuthenticationProps;
  readonly AuthorizationPolicy: AuthorizationPolicyProps;
  readonly RequestAuthentication: RequestAuthenticationProps;
}

/** An Istio kind meshfleet writes. */
export type IstioKind = keyof IstioPropsByKind;

/**
 * The class of each kind by version. Pre-v1 is `v1beta1`, except for WorkloadGroup: `v1alpha3`,
 * the version Istio 1.8 introduced it with (seed 004; ASM 1.8 of seed 001), which later releases
 * keep serving beside `v1beta1` and `v1` (the 1.29.6 CRD in crds/istio serves all three), so it
 * works on every pre-v1 mesh. security.istio.io serves `v1` from Istio 1.22, as networking does.
 */
const ISTIO_CLASSES: { readonly [K in IstioKind]: VersionedClasses<IstioPropsByKind[K]> } = {
  VirtualService: versioned(VirtualService, VirtualServiceV1Beta1),
  DestinationRule: versioned(DestinationRule, DestinationRuleV1Beta1),
  Gateway: versioned(Gateway, GatewayV1Beta1),
  ServiceEntry: versioned(ServiceEntry, ServiceEntryV1Beta1),
  Sidecar: versioned(Sidecar, SidecarV1Beta1),
  WorkloadGroup: versioned(WorkloadGroup, WorkloadGroupV1Alpha3),
  PeerAuthentication: versioned(PeerAuthentication, PeerAuthenticationV1Beta1),
  AuthorizationPolicy: versioned(AuthorizationPolicy, AuthorizationPolicyV1Beta1),
  RequestAuthentication: versioned(RequestAuthentication, RequestAuthenticationV1Beta1),
};

/** Creates an object of one Istio kind in the API version the mesh serves. */
export type IstioObjectFactory<P> = (scope: Construct, id: string, version: IstioApiVersion, props: P) => ApiObject;

/** The {@link IstioObjectFactory} of `kind`, from {@link ISTIO_CLASSES}. */
export function istioObjectFactory<K extends IstioKind>(kind: K): IstioObjectFactory<IstioPropsByKind[K]> {
  const classes: VersionedClasses<IstioPropsByKind[K]> = ISTIO_CLASSES[kind];
  return (scope, id, version, props) => new (version === 'v1' ? classes.v1 : classes.preV1)(scope, id, props);
}

/** A VirtualService in the given networking.istio.io version. */
export const newVirtualService = istioObjectFactory('VirtualService');
/** A DestinationRule in the given networking.istio.io version. */
export const newDestinationRule = istioObjectFactory('DestinationRule');
/** A Gateway (networking.istio.io, not Gateway API) in the given networking.istio.io version. */
export const newIstioGateway = istioObjectFactory('Gateway');
/** A ServiceEntry in the given networking.istio.io version. */
export const newServiceEntry = istioObjectFactory('ServiceEntry');
/** A Sidecar in the given networking.istio.io version. */
export const newSidecar = istioObjectFactory('Sidecar');
/** A WorkloadGroup in the version the mesh serves: `v1`, or `v1alpha3` on every pre-v1 mesh (see {@link ISTIO_CLASSES}). */
export const newWorkloadGroup = istioObjectFactory('WorkloadGroup');
/** A PeerAuthentication in the security.istio.io version the mesh serves. */
export const newPeerAuthentication = istioObjectFactory('PeerAuthentication');
/** An AuthorizationPolicy in the security.istio.io version the mesh serves. */
export const newAuthorizationPolicy = istioObjectFactory('AuthorizationPolicy');
/** A RequestAuthentication in the security.istio.io version the mesh serves. */
export const newRequestAuthentication = istioObjectFactory('RequestAuthentication');
