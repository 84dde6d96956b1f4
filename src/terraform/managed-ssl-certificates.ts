import { Construct } from 'constructs';
import { ComputeManagedSslCertificate } from '@cdktf/provider-google/lib/compute-managed-ssl-certificate';

/** Props of {@link ManagedSslCertificates}. */
export interface ManagedSslCertificatesProps {
  /** Certificates: name and non-wildcard domains. */
  readonly certificates: ReadonlyArray<{ readonly name: string; readonly domains: readonly string[] }>;
}

/**
 * Google-managed global SSL certificates (`google_compute_managed_ssl_certificate`, type
 * MANAGED) for the multi-cluster ingress load balancer, which its MultiClusterIngress lists in
 * `networking.gke.io/pre-shared-certs`: GKE documents Google-managed certificates for Multi
 * Cluster Ingress this way (the ManagedCertificate resource serves single-cluster Ingress only).
 * Google provisions each once the domains resolve to the ingress address.
 */
export class ManagedSslCertificates extends Construct {
  public readonly certificates: ComputeManagedSslCertificate[];

  constructor(scope: Construct, id: string, props: ManagedSslCertificatesProps) {
    super(scope, id);
    this.certificates = props.certificates.map((c) => new ComputeManagedSslCertificate(this, c.name, { name: c.name, type: 'MANAGED', managed: { domains: [...c.domains] } }));
  }
}
