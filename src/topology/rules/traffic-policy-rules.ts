/**
 * Rules of Istio traffic policy (`apps[].workloads[].trafficPolicy`, a DestinationRule's
 * `trafficPolicy`) and fault injection (`apps[].routes[].rules[].fault`): durations in Istio's
 * form, percentages, exclusive fields, locality failover's need for outlier detection, and the
 * data planes that cannot write them (traffic must not behave differently by data plane).
 */
import { Problem, problem } from './problems';
import {
  ClientTlsInput,
  ConnectionPoolInput,
  FaultInjectionInput,
  LoadBalancerInput,
  MeshRouting,
  OutlierDetectionInput,
  ResolvedTopology,
  ResolvedWorkload,
  TrafficPolicyInput,
} from '../model/types';

/** A duration as Istio's CRD takes it (`duration(self) >= duration('1ms')`): a positive whole number of h, m, s or ms. */
export const ISTIO_DURATION = /^[0-9]{1,9}(h|m|s|ms)$/;

function checkIstioDuration(path: string, value: string | undefined, problems: Problem[]): void {
  if (value === undefined) return;
  if (!ISTIO_DURATION.test(value) || /^0+[a-z]+$/.test(value)) {
    problems.push(problem(path, 'not an Istio duration of at least 1ms', value, 'a positive whole number of h, m, s or ms, such as 30s or 100ms'));
  }
}

function checkPercentValue(path: string, value: number | undefined, problems: Problem[]): void {
  if (value === undefined) return;
  if (!(value >= 0 && value <= 100)) problems.push(problem(path, 'percentage out of range', value, 'a number from 0 to 100'));
}

function checkConnectionPool(at: string, pool: ConnectionPoolInput | undefined, problems: Problem[]): void {
  checkIstioDuration(`${at}.tcp.connectTimeout`, pool?.tcp?.connectTimeout, problems);
  checkIstioDuration(`${at}.tcp.tcpKeepalive.time`, pool?.tcp?.tcpKeepalive?.time, problems);
  checkIstioDuration(`${at}.tcp.tcpKeepalive.interval`, pool?.tcp?.tcpKeepalive?.interval, problems);
  checkIstioDuration(`${at}.http.idleTimeout`, pool?.http?.idleTimeout, problems);
}

function checkOutlierDetection(at: string, outlier: OutlierDetectionInput | undefined, problems: Problem[]): void {
  checkIstioDuration(`${at}.interval`, outlier?.interval, problems);
  checkIstioDuration(`${at}.baseEjectionTime`, outlier?.baseEjectionTime, problems);
}

/** `outlier`: the outlier detection that applies beside this load balancer. */
function checkLoadBalancer(at: string, lb: LoadBalancerInput | undefined, outlier: OutlierDetectionInput | undefined, problems: Problem[]): void {
  if (lb === undefined) return;
  if (lb.simple !== undefined && lb.consistentHash !== undefined) {
    problems.push(problem(`${at}.consistentHash`, 'a load balancer is `simple` or `consistentHash`, not both (Istio oneof)', lb.consistentHash, 'simple or consistentHash'));
  }
  const hash = lb.consistentHash;
  if (hash !== undefined) {
    const keys = (['httpHeaderName', 'httpCookie', 'useSourceIp', 'httpQueryParameterName'] as const).filter((k) => hash[k] !== undefined);
    if (keys.length !== 1) {
      problems.push(
        problem(`${at}.consistentHash`, 'consistent hashing takes exactly one key (Istio oneof)', keys, 'one of httpHeaderName, httpCookie, useSourceIp, httpQueryParameterName'),
      );
    }
  }
  const locality = lb.localityLbSetting;
  if (locality === undefined) return;
  const where = `${at}.localityLbSetting`;
  const distribute = locality.distribute ?? [];
  const failover = locality.failover ?? [];
  if (distribute.length > 0 && (failover.length > 0 || (locality.failoverPriority ?? []).length > 0)) {
    problems.push(problem(`${where}.distribute`, 'Istio takes a weighted distribution or failover, not both', distribute, 'distribute, or failover/failoverPriority'));
  }
  distribute.forEach((d, k) => {
    const sum = Object.values(d.to).reduce((total, v) => total + v, 0);
    if (sum !== 100) problems.push(problem(`${where}.distribute[${k}].to`, 'the percents of a distribution sum to 100', sum, '100'));
  });
  failover.forEach((f, k) => {
    if (f.from === f.to) problems.push(problem(`${where}.failover[${k}].to`, 'a region fails over to another region', f.to, `a region other than ${f.from}`));
  });
  if (locality.enabled !== false && distribute.length === 0 && outlier === undefined) {
    problems.push(
      problem(
        where,
        'locality failover needs outlierDetection: Istio moves traffic to another locality only when it ejects the failing endpoints',
        locality,
        'outlierDetection beside it (e.g. { consecutive5xxErrors: 5, interval: 10s, baseEjectionTime: 30s }), or enabled: false',
      ),
    );
  }
}

function checkTls(at: string, tls: ClientTlsInput | undefined, problems: Problem[]): void {
  if (tls === undefined) return;
  if (tls.mode === 'ISTIO_MUTUAL' || tls.mode === 'DISABLE') {
    if (tls.credentialName !== undefined) {
      problems.push(problem(`${at}.credentialName`, `mode ${tls.mode} uses no client certificate of its own`, tls.credentialName, 'no credentialName, or mode SIMPLE or MUTUAL'));
    }
  }
}

/**
 * The fields of a traffic policy at `at` for a destination of `what` (e.g. `service reviews`)
 * with these `ports`: durations, exclusive fields, locality failover, client TLS, and port-level
 * settings on ports of the destination, each once.
 */
export function checkTrafficPolicyFields(at: string, what: string, ports: readonly number[], policy: TrafficPolicyInput, problems: Problem[]): void {
  checkConnectionPool(`${at}.connectionPool`, policy.connectionPool, problems);
  checkOutlierDetection(`${at}.outlierDetection`, policy.outlierDetection, problems);
  checkLoadBalancer(`${at}.loadBalancer`, policy.loadBalancer, policy.outlierDetection, problems);
  checkTls(`${at}.tls`, policy.tls, problems);
  const seen = new Set<number>();
  (policy.portLevelSettings ?? []).forEach((s, k) => {
    const port = `${at}.portLevelSettings[${k}]`;
    if (!ports.includes(s.port.number)) {
      problems.push(problem(`${port}.port.number`, `${what} has no such port`, s.port.number, ports.length ? `one of ${ports.join(', ')}` : 'a port of the Service'));
    }
    if (seen.has(s.port.number)) problems.push(problem(`${port}.port.number`, 'a port has one setting', s.port.number, 'each port once'));
    seen.add(s.port.number);
    checkConnectionPool(`${port}.connectionPool`, s.connectionPool, problems);
    checkOutlierDetection(`${port}.outlierDetection`, s.outlierDetection, problems);
    checkLoadBalancer(`${port}.loadBalancer`, s.loadBalancer, s.outlierDetection ?? policy.outlierDetection, problems);
    checkTls(`${port}.tls`, s.tls, problems);
  });
}

/** The traffic policies of the workloads and their versions' subsets, at their paths. */
function policiesOf(w: ResolvedWorkload, at: string): Array<{ readonly at: string; readonly policy: TrafficPolicyInput }> {
  const versions = w.versions.flatMap((v, k) => (v.trafficPolicy === undefined ? [] : [{ at: `${at}.versions[${k}].trafficPolicy`, policy: v.trafficPolicy }]));
  return [...(w.trafficPolicy === undefined ? [] : [{ at: `${at}.trafficPolicy`, policy: w.trafficPolicy }]), ...versions];
}

/** The traffic policies of the workloads (and of their versions): a mesh with istio routing, a Service, valid fields. */
export function checkTrafficPolicies(model: ResolvedTopology, problems: Problem[]): void {
  model.apps.forEach((app, i) =>
    app.workloads.forEach((w, j) => {
      for (const { at, policy } of policiesOf(w, `apps[${i}].workloads[${j}]`)) {
        if (model.mesh === undefined) {
          problems.push(problem(at, 'a traffic policy is an Istio DestinationRule and needs a mesh', policy, 'a mesh, or no trafficPolicy'));
        } else if (model.mesh.routing === 'gateway-api') {
          problems.push(
            problem(
              at,
              "routing: gateway-api sends each version to its own Service <name>-<version>, which a DestinationRule on the Service does not reach, and Gateway API has no equivalent of Istio's traffic policy",
              policy,
              'mesh.routing: istio, or no trafficPolicy',
            ),
          );
        } else if (w.port === undefined) {
          problems.push(problem(at, 'a traffic policy applies to calls to the Service, and this workload has none', policy, 'a port, or no trafficPolicy'));
        } else {
          const ports = [w.servicePort, ...w.extraPorts.map((p) => p.servicePort)].filter((p): p is number => p !== undefined);
          checkTrafficPolicyFields(at, `service ${w.name}`, ports, policy, problems);
        }
      }
    }),
  );
}

/** A rule's fault injection at `at` (`...rules[k].fault`): Istio routing only, durations, percentages, one abort status. */
export function checkFault(at: string, fault: FaultInjectionInput | undefined, routing: MeshRouting, problems: Problem[]): void {
  if (fault === undefined) return;
  if (routing === 'gateway-api') {
    problems.push(
      problem(
        at,
        'Gateway API has no fault injection: with routing: gateway-api the fault would not happen',
        fault,
        'mesh.routing: istio, or no fault (e.g. inject it in a test cluster)',
      ),
    );
    return;
  }
  if (fault.delay === undefined && fault.abort === undefined) problems.push(problem(at, 'a fault injects a delay, an abort or both', fault, 'delay and/or abort'));
  if (fault.delay !== undefined) {
    checkIstioDuration(`${at}.delay.fixedDelay`, fault.delay.fixedDelay, problems);
    checkPercentValue(`${at}.delay.percentage.value`, fault.delay.percentage?.value, problems);
  }
  const abort = fault.abort;
  if (abort !== undefined) {
    if ((abort.httpStatus === undefined) === (abort.grpcStatus === undefined)) {
      problems.push(problem(`${at}.abort`, 'an abort answers with an HTTP status or a gRPC status (Istio oneof)', abort, 'httpStatus or grpcStatus, one of them'));
    }
    if (abort.httpStatus !== undefined && !(Number.isInteger(abort.httpStatus) && abort.httpStatus >= 200 && abort.httpStatus <= 599)) {
      problems.push(problem(`${at}.abort.httpStatus`, 'not an HTTP status Envoy answers with', abort.httpStatus, 'an integer from 200 to 599'));
    }
    checkPercentValue(`${at}.abort.percentage.value`, abort.percentage?.value, problems);
  }
}
