import { Construct } from 'constructs';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';

/** Props of {@link ProjectServices}. */
export interface ProjectServicesProps {
  /** Service names such as `container.googleapis.com`, enabled in this order. */
  readonly services: readonly string[];
}

/**
 * Enables Google Cloud APIs. Destroying the stack leaves them enabled
 * (`disable_on_destroy = false`), since other workloads in the project may use them.
 */
export class ProjectServices extends Construct {
  /** One resource per service, in the order given. */
  public readonly resources: readonly ProjectService[];

  constructor(scope: Construct, id: string, props: ProjectServicesProps) {
    super(scope, id);
    this.resources = props.services.map((service) => new ProjectService(this, service.split('.')[0], { service, disableOnDestroy: false, disableDependentServices: false }));
  }

  /**
   * The resource enabling `service` (e.g. `compute.googleapis.com`), for the `depends_on` of
   * resources that call that API.
   * @throws Error when the service is not among those enabled (a meshfleet bug, not bad input)
   */
  public service(service: string): ProjectService {
    const found = this.resources.find((r) => r.serviceInput === service);
    if (found === undefined) throw new Error(`ProjectServices: ${service} is not enabled (enabled: ${this.resources.map((r) => r.serviceInput).join(', ')})`);
    return found;
  }
}
