/**
 * The topology model: what a user writes (`*Input` types, most fields optional), one file per
 * area, and (re-exported from src/topology/resolve/resolved-types.ts) what every generator reads
 * (`Resolved*` types, every default filled in by `resolveTopology`).
 *
 * These TypeScript types with their JSDoc are the one definition of the topology file:
 * scripts/generate-schema.js turns them into the JSON Schema (src/topology/generated/
 * topology-schema.generated.ts and /topology.schema.json), its precompiled validator and the
 * literal defaults (`@default` tags, src/topology/generated/defaults.generated.ts). Why the
 * types and not the schema are the source: the renderers and rules are typed against them, the
 * JSDoc shows in the IDE for TypeScript users, and a generator turns them into the schema; the
 * reverse (types from the schema) would lose the JSDoc and the Resolved types.
 *
 * Plain data only: this folder imports neither cdktf nor cdk8s.
 */

export type * from './formats';
export type * from './network';
export type * from './cluster';
export type * from './mesh';
export type * from './ingress';
export type * from './container';
export type * from './workload';
export type * from './app';
export type * from './security-policy';
export type * from './extras';
export type * from './route';
export type * from './traffic-policy';
export type * from './sidecar';
export type * from './gateway';
export type * from './gateway-policies';
export type {
  GatewayBackendInput,
  GatewayBackendWeight,
  GatewayHeaderMatchInput,
  GatewayHeaderModifierInput,
  GatewayHeaderValueInput,
  GatewayMirrorInput,
  GatewayPathMatchInput,
  GatewayPathModifierInput,
  GatewayRequestRedirectInput,
  GatewayRouteFilterInput,
  GatewayRouteFilterType,
  GatewayRouteMatchInput,
  GatewayRouteRuleInput,
  GatewayRouteTimeoutsInput,
  GatewayUrlRewriteInput,
  GrpcMethodMatchInput,
  GrpcMethodMatchType,
  HttpMethod,
  ResolvedGrpcMethodMatch,
  RouteKind,
  ValueMatchType,
} from './gateway-routes';
export type * from './gitops';
export type * from './topology';
export type * from '../resolve/resolved-types';
export { gkeClusters, isGkeCluster } from '../resolve/resolved-types';
