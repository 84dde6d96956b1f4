import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { REVISION_LABEL } from './app-namespace';
import { ISTIO_SYSTEM_NAMESPACE, ISTIOD_SERVICE_NAME } from '../plan/names';

/** Properties of an {@link IstiodService}. */
export interface IstiodServiceProps {
  /** Revision of the control plane, e.g. `asm-186-8`. */
  readonly revision: string;
}

/**
 * The `istiod` Service of a revisioned control plane, exactly seed 001's `istiod-service.yaml`
 * ("유효성 검증 웹훅 구성"): a revisioned install names its Service `istiod-<revision>`, but the
 * validating webhook calls `istiod`, so this Service gives it that name.
 *
 * In `istio-system`: labels `istio.io/rev: <revision>`, `app: istiod`, `istio: pilot`,
 * `release: istio`; TCP ports 15010 `grpc-xds`, 15012 `https-dns`, 443 `https-webhook` (target
 * 15017), 15014 `http-monitoring`; selector `app: istiod` and `istio.io/rev: <revision>`.
 * Low-level `KubeService` (cdk8s-plus' Service adds `externalIPs: []`).
 */
export class IstiodService extends Construct {
  /** The Service object. */
  public readonly service: k8s.KubeService;

  public constructor(scope: Construct, id: string, props: IstiodServiceProps) {
    super(scope, id);
    this.service = new k8s.KubeService(this, 'Service', {
      metadata: {
        name: ISTIOD_SERVICE_NAME,
        namespace: ISTIO_SYSTEM_NAMESPACE,
        labels: { [REVISION_LABEL]: props.revision, app: 'istiod', istio: 'pilot', release: 'istio' },
      },
      spec: {
        ports: [
          { port: 15010, name: 'grpc-xds', protocol: 'TCP' },
          { port: 15012, name: 'https-dns', protocol: 'TCP' },
          { port: 443, name: 'https-webhook', targetPort: k8s.IntOrString.fromNumber(15017), protocol: 'TCP' },
          { port: 15014, name: 'http-monitoring', protocol: 'TCP' },
        ],
        selector: { app: 'istiod', [REVISION_LABEL]: props.revision },
      },
    });
  }
}
