/**
 * Gateways with their defaults: the listeners (one HTTP listener `http` on `port` without
 * `listeners`), route kinds, health-check types; everything else as given.
 */
import { MODEL_DEFAULTS } from '../generated/defaults.generated';
import { DEFAULT_GATEWAY_LISTENER } from '../model/gateway';
import type { GatewayInput } from '../model/types';
import type { ResolvedGateway, ResolvedGatewayListener } from './resolved-types';

/**
 * The listeners of a gateway: as given (an HTTPS listener's `tls.mode` made explicit), else the
 * one HTTP listener `http` on `port`. A gateway with both is refused by a rule (the listeners win here).
 */
function resolveGatewayListeners(g: GatewayInput): ResolvedGatewayListener[] {
  if (g.listeners === undefined) return [{ name: DEFAULT_GATEWAY_LISTENER, protocol: 'HTTP', port: g.port ?? MODEL_DEFAULTS.GatewayInput.port }];
  return g.listeners.map((l) => ({
    name: l.name,
    protocol: l.protocol,
    port: l.port,
    ...(l.hostname !== undefined ? { hostname: l.hostname } : {}),
    ...(l.tls !== undefined
      ? {
          tls: {
            mode: l.tls.mode ?? MODEL_DEFAULTS.GatewayListenerTlsInput.mode,
            certificateRefs: (l.tls.certificateRefs ?? []).map((r) => ({ ...r })),
            options: { ...(l.tls.options ?? {}) },
          },
        }
      : {}),
    ...(l.allowedRoutes !== undefined ? { allowedRoutes: l.allowedRoutes } : {}),
  }));
}

/** `g` with its defaults. */
export function resolveGateway(g: GatewayInput): ResolvedGateway {
  return {
    name: g.name,
    namespace: g.namespace,
    className: g.className,
    ...(g.cluster === undefined ? {} : { cluster: g.cluster }),
    addresses: (g.addresses ?? []).map((a) => ({ ...a })),
    ...(g.staticAddressName !== undefined ? { staticAddressName: g.staticAddressName } : {}),
    listeners: resolveGatewayListeners(g),
    ...(g.certificateMap !== undefined ? { certificateMap: g.certificateMap } : {}),
    routes: (g.routes ?? []).map((r) => ({
      kind: r.kind ?? MODEL_DEFAULTS.RouteInput.kind,
      name: r.name,
      labels: { ...(r.labels ?? {}) },
      ...(r.sectionName !== undefined ? { sectionName: r.sectionName } : {}),
      hostnames: [...(r.hostnames ?? [])],
      rules: r.rules.map((rule) => ({ ...rule })),
    })),
    healthChecks: (g.healthChecks ?? []).map((h) => ({ ...h, type: h.type ?? MODEL_DEFAULTS.GatewayHealthCheckInput.type })),
    backendPolicies: (g.backendPolicies ?? []).map((p) => ({ ...p })),
    ...(g.gatewayPolicy !== undefined ? { gatewayPolicy: { ...g.gatewayPolicy } } : {}),
  };
}
