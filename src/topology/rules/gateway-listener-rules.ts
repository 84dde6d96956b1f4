/**
 * Topology rules of multi-cluster Gateway listeners and what hangs on them: the `port` shorthand,
 * the Gateway API listener rules (the CRD's CEL rules: unique names and port/protocol/hostname,
 * TLS only on HTTPS, a certificate on every HTTPS listener), the certificate sources each GKE class
 * takes (`gateway-classes.ts`), the certificate map, the reserved global address, routes'
 * `sectionName` and hostnames, and the SSL policy (HTTPS listeners only).
 */
import { gatewayClassesWhere, gatewayClassTraits } from '../model/gateway-classes';
import { preSharedCertificates, PRE_SHARED_CERTS_OPTION } from '../model/gateway';
import { GCP_NAME } from './predicates';
import { Problem, problem } from './problems';
import { ResolvedGateway, ResolvedTopology, TopologyInput } from '../model/types';

/** The classes that take a trait, for what a message expects. */
function classesWith(trait: 'certificateMap' | 'globalAddress'): string {
  const names = gatewayClassesWhere((t) => t[trait]);
  return names.length > 0 ? names.join(', ') : 'none of the GKE multi-cluster classes';
}

/**
 * Whether a route host name and a listener host name can match the same request (Gateway API
 * hostname intersection): equal, or one a wildcard `*.<suffix>` covering the other.
 */
function hostnamesIntersect(route: string, listener: string): boolean {
  const covers = (wildcard: string, host: string): boolean => wildcard.startsWith('*.') && host.endsWith(wildcard.slice(1)) && host.length > wildcard.length - 1;
  return route === listener || covers(listener, route) || covers(route, listener);
}

/** Every gateway's listener problems (see the file comment), then reserved global address names. */
export function checkGatewayListeners(input: TopologyInput, model: ResolvedTopology, problems: Problem[]): void {
  model.gateways.forEach((gateway, i) => {
    const at = `gateways[${i}]`;
    const raw = input.gateways?.[i];
    if (raw?.port !== undefined && raw.listeners !== undefined) {
      problems.push(
        problem(`${at}.port`, 'port is the shorthand for one HTTP listener; with listeners each listener has its own port', raw.port, 'no port (set listeners[].port)'),
      );
    }
    checkListenerSet(gateway, at, problems);
    checkCertificates(gateway, at, problems);
    checkRouteAttachment(gateway, at, problems);
    const sslPolicy = gateway.gatewayPolicy?.sslPolicy;
    if (sslPolicy !== undefined && !gateway.listeners.some((l) => l.protocol === 'HTTPS')) {
      problems.push(
        problem(
          `${at}.gatewayPolicy.sslPolicy`,
          'an SSL policy applies to HTTPS listeners and the gateway has none',
          sslPolicy,
          'a listener with protocol: HTTPS, or no sslPolicy',
        ),
      );
    }
  });
  checkGlobalAddressNames(model, problems);
}

/** The Gateway CRD's listener rules (unique names and port/protocol/hostname, TLS on HTTPS only), with field paths. */
function checkListenerSet(gateway: ResolvedGateway, at: string, problems: Problem[]): void {
  // The one default listener breaks none of these: every path is a given listener's.
  const path = (j: number): string => `${at}.listeners[${j}]`;
  gateway.listeners.forEach((listener, j) => {
    const earlier = gateway.listeners.slice(0, j).findIndex((l) => l.name === listener.name);
    if (earlier !== -1) problems.push(problem(`${path(j)}.name`, `duplicate listener name, already used by ${path(earlier)}`, listener.name, 'a name of its own'));
    const same = gateway.listeners.slice(0, j).findIndex((l) => l.port === listener.port && l.protocol === listener.protocol && l.hostname === listener.hostname);
    if (same !== -1) {
      problems.push(
        problem(
          path(j),
          `listener ${path(same)} already has this port, protocol and hostname (Gateway API: each combination once)`,
          `${listener.protocol} ${listener.port}${listener.hostname !== undefined ? ` ${listener.hostname}` : ''}`,
          'another port or hostname',
        ),
      );
    }
    if (listener.protocol === 'HTTP' && listener.tls !== undefined) {
      problems.push(problem(`${path(j)}.tls`, 'an HTTP listener takes no TLS settings', listener.name, 'no tls, or protocol: HTTPS'));
    }
    const namespaces = listener.allowedRoutes?.namespaces;
    if (namespaces !== undefined && (namespaces.from === 'Selector') !== (namespaces.selector !== undefined)) {
      problems.push(
        problem(
          `${path(j)}.allowedRoutes.namespaces`,
          'a namespace selector goes with from: Selector, and from: Selector needs one',
          namespaces.from ?? 'Same',
          'from: Selector with selector, or no selector',
        ),
      );
    }
  });
}

/** Where each HTTPS listener's certificate comes from, and whether the gateway's class takes it. */
function checkCertificates(gateway: ResolvedGateway, at: string, problems: Problem[]): void {
  const traits = gatewayClassTraits(gateway.className);
  if (traits === undefined) return; // an unknown class is reported by gateway-rules.ts
  const certmap = gateway.certificateMap !== undefined && traits.certificateMap;
  if (gateway.certificateMap !== undefined && !traits.certificateMap) {
    problems.push(
      problem(
        `${at}.certificateMap`,
        `GatewayClass ${gateway.className} takes no Certificate Manager certificate map (maps attach to global external load balancers)`,
        gateway.certificateMap,
        `a class of ${classesWith('certificateMap')}, or listeners[].tls.options { ${PRE_SHARED_CERTS_OPTION}: <SSL certificate names> }`,
      ),
    );
  }
  const secretsExpected = `tls.options { ${PRE_SHARED_CERTS_OPTION}: <Compute Engine SSL certificate names> }${traits.certificateMap ? ', or certificateMap' : ''}`;
  gateway.listeners.forEach((listener, j) => {
    const l = `${at}.listeners[${j}]`;
    if (listener.protocol !== 'HTTPS') return;
    const tls = listener.tls;
    if (tls === undefined) {
      if (!certmap) problems.push(problem(l, 'an HTTPS listener needs a certificate', listener.name, secretsExpected));
      return;
    }
    if (tls.certificateRefs.length === 0 && Object.keys(tls.options).length === 0) {
      problems.push(problem(`${l}.tls`, 'TLS mode Terminate needs certificateRefs or options (Gateway API)', listener.name, secretsExpected));
    }
    if (tls.certificateRefs.length > 0 && !traits.tlsSecrets) {
      problems.push(
        problem(
          `${l}.tls.certificateRefs`,
          `GatewayClass ${gateway.className} takes no Kubernetes Secrets as certificates (GKE multi-cluster Gateways)`,
          tls.certificateRefs.map((r) => r.name).join(', '),
          secretsExpected,
        ),
      );
    }
    // GKE's controller reads certificates from core Secrets only (Gateway API's default referent).
    tls.certificateRefs.forEach((ref, k) => {
      if ((ref.kind ?? 'Secret') !== 'Secret' || (ref.group ?? '') !== '') {
        problems.push(
          problem(
            `${l}.tls.certificateRefs[${k}]`,
            'GKE Gateways read certificates from Secrets only',
            `${ref.group ?? ''}/${ref.kind ?? 'Secret'}`,
            'kind Secret in the core group "" (the defaults)',
          ),
        );
      }
    });
    // GKE "Secure a Gateway", restrictions: the certmap annotation and tls.certificateRefs on one Gateway is an error.
    if (tls.certificateRefs.length > 0 && gateway.certificateMap !== undefined) {
      problems.push(
        problem(
          `${l}.tls.certificateRefs`,
          'GKE refuses a Gateway with a certificate map and listener certificateRefs',
          gateway.certificateMap,
          'one of certificateMap and certificateRefs',
        ),
      );
    }
    const pattern = new RegExp(GCP_NAME);
    preSharedCertificates(listener).forEach((name) => {
      if (!pattern.test(name) || name.length > 63) {
        problems.push(
          problem(
            `${l}.tls.options.${PRE_SHARED_CERTS_OPTION}`,
            'not a list of SSL certificate names',
            tls.options[PRE_SHARED_CERTS_OPTION],
            'names of Compute Engine SSL certificates separated by commas, such as store-cert,store-cert-ecdsa',
          ),
        );
      }
    });
  });
  if (gateway.staticAddressName !== undefined && !traits.globalAddress) {
    problems.push(
      problem(
        `${at}.staticAddressName`,
        `GatewayClass ${gateway.className} takes no reserved global address`,
        gateway.staticAddressName,
        `a class of ${classesWith('globalAddress')}${traits.internalAddresses ? ', or addresses[].staticAddress (a regional internal address)' : ''}`,
      ),
    );
  }
}

/** Routes' `sectionName` names a listener of the gateway; a route's host names meet those of a listener it attaches to. */
function checkRouteAttachment(gateway: ResolvedGateway, at: string, problems: Problem[]): void {
  const names = gateway.listeners.map((l) => l.name);
  gateway.routes.forEach((route, j) => {
    const r = `${at}.routes[${j}]`;
    const section = route.sectionName;
    if (section !== undefined && !names.includes(section)) {
      problems.push(problem(`${r}.sectionName`, `gateway ${gateway.name} has no listener of this name`, section, `one of ${names.join(', ')}`));
      return;
    }
    const listeners = gateway.listeners.filter((l) => section === undefined || l.name === section);
    const hostnames = listeners.map((l) => l.hostname);
    if (route.hostnames.length === 0 || hostnames.includes(undefined)) return;
    const attaches = route.hostnames.some((h) => hostnames.some((lh) => lh !== undefined && hostnamesIntersect(h, lh)));
    if (!attaches) {
      problems.push(
        problem(
          `${r}.hostnames`,
          'no host name of the route matches the hostname of a listener it attaches to, so the Gateway would not accept it',
          route.hostnames.join(', '),
          `a host name matching ${hostnames.join(' or ')}`,
        ),
      );
    }
  });
}

/** Global addresses share one namespace per project: a gateway's reserved address name is its own. */
function checkGlobalAddressNames(model: ResolvedTopology, problems: Problem[]): void {
  const names: Array<{ path: string; name: string }> = [
    ...(model.multiClusterIngress?.staticAddressName !== undefined ? [{ path: 'multiClusterIngress.staticAddressName', name: model.multiClusterIngress.staticAddressName }] : []),
    ...model.gateways.flatMap((g, i) => (g.staticAddressName === undefined ? [] : [{ path: `gateways[${i}].staticAddressName`, name: g.staticAddressName }])),
  ];
  names.forEach((later, k) => {
    const earlier = names.slice(0, k).find((n) => n.name === later.name);
    if (earlier !== undefined) problems.push(problem(later.path, `global address name already used by ${earlier.path}`, later.name, 'a name of its own'));
  });
}
