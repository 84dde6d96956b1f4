/**
 * MultiClusterIngress compiler of traffic intent: the `spec.template.spec` of a
 * MultiClusterIngress (default backend, host rules with their paths), every backend a
 * MultiClusterService. A pure function from intent to the object spec.
 */
import {
  MultiClusterIngressSpecTemplateSpec,
  MultiClusterIngressSpecTemplateSpecBackendServicePort,
  MultiClusterIngressSpecTemplateSpecRulesHttpPathsBackendServicePort,
} from '../../../imports/networking.gke.io';
import { IngressTrafficIntent } from '../../plan/traffic/intent';

/** `spec.template.spec` of the MultiClusterIngress: `backend` (the default backend) and `rules[]` `{ host, http.paths[] { path, backend } }`. */
export function multiClusterIngressTemplateSpec(ingress: IngressTrafficIntent): MultiClusterIngressSpecTemplateSpec {
  const backend = ingress.defaultBackend;
  return {
    ...(backend === undefined
      ? {}
      : { backend: { serviceName: backend.service, servicePort: MultiClusterIngressSpecTemplateSpecBackendServicePort.fromNumber(backend.port as number) } }),
    ...(ingress.hosts.length === 0
      ? {}
      : {
          rules: ingress.hosts.map((h) => ({
            ...(h.host === undefined ? {} : { host: h.host }),
            http: {
              paths: h.rules.map((rule) => ({
                path: rule.matches[0].path?.value as string,
                backend: {
                  serviceName: rule.backends[0].service,
                  servicePort: MultiClusterIngressSpecTemplateSpecRulesHttpPathsBackendServicePort.fromNumber(rule.backends[0].port as number),
                },
              })),
            },
          })),
        }),
  };
}
