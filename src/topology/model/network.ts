/** The Google Cloud project and the network pieces around the clusters: VPC, subnets, regions, Cloud NAT. */

import type { DnsLabel, GcpName, Ipv4Cidr, ProjectId, ProjectNumber, Region } from './formats';

/** The Google Cloud project that holds every resource. */
export interface ProjectInput {
  /** Project ID, e.g. `my-platform-prod`: where Terraform creates every resource and the fleet lives. */
  readonly id: ProjectId;
  /**
   * Project number. Used for the `mesh_id` cluster label (`proj-<number>`) and the default mesh ID.
   * @default looked up by Terraform with the `google_project` data source
   */
  readonly number?: ProjectNumber;
  /**
   * Account ID (6 to 30 characters) of the service account that the GKE nodes run as.
   * @default `<topology name>-nodes`, shortened with a hash suffix when longer than 30 characters
   */
  readonly nodeServiceAccount?: GcpName;
  /**
   * The project runs on GKE Enterprise: the stacks enable `anthos.googleapis.com`, which puts
   * the project's fleet (and Multi Cluster Ingress) on GKE Enterprise billing. Nothing meshfleet
   * writes needs it: Multi Cluster Ingress and multi-cluster Gateways are billed standalone
   * without it, and a fleet-managed mesh needs `mesh.googleapis.com` only.
   * @default false
   */
  readonly gkeEnterprise?: boolean;
}

/** A subnet that meshfleet creates in a named (custom-mode) VPC. */
export interface SubnetInput {
  /** Subnet name (`google_compute_subnetwork`), e.g. `west`; clusters name it in `subnet`. */
  readonly name: DnsLabel;
  /** Region of the subnet, e.g. `us-west1`. */
  readonly region: Region;
  /** Primary IPv4 range, e.g. `10.10.0.0/20`. */
  readonly cidr: Ipv4Cidr;
}

/** The VPC network the clusters run in. */
export interface NetworkInput {
  /**
   * VPC name.
   * @default "default"
   */
  readonly name?: DnsLabel;
  /**
   * Subnets of a custom-mode VPC. When any is given meshfleet creates the network (without
   * auto subnets) and these subnets; when none is given the network (e.g. the project's
   * auto-mode `default` network) is only referenced, not managed.
   * @default []
   */
  readonly subnets?: SubnetInput[];
  /**
   * Name of the firewall rule that lets pods and control planes of the mesh clusters reach
   * the pods (created when the topology has a mesh).
   * @default `<topology name>-pods-and-masters`
   */
  readonly firewallName?: GcpName;
}

/** Which NAT events Cloud Logging records (`log_config.filter` of a Cloud NAT). */
export type NatLogFilter = 'ALL' | 'ERRORS_ONLY' | 'TRANSLATIONS_ONLY';

/** Cloud NAT for one region: a reserved external address, a Cloud Router and a Cloud NAT. */
export interface NatInput {
  /**
   * Create a reserved external address, a Cloud Router and a Cloud NAT in this region, so that
   * private nodes reach the internet (image pulls) from a known address.
   * @default true in a region that hosts a private cluster, false elsewhere
   */
  readonly enabled?: boolean;
  /**
   * Which NAT events Cloud Logging records.
   * @default "ALL"
   */
  readonly logFilter?: NatLogFilter;
  /**
   * Name of the reserved external address the NAT uses (seed 000: `<region>-nat-ip`).
   * @default `<topology name>-<region>-nat-ip`
   */
  readonly addressName?: GcpName;
  /**
   * Name of the Cloud Router (seed 000: `rtr-<region>`).
   * @default `<topology name>-rtr-<region>`
   */
  readonly routerName?: GcpName;
  /**
   * Name of the Cloud NAT (seed 000: `nat-gw-<region>`).
   * @default `<topology name>-nat-gw-<region>`
   */
  readonly natName?: GcpName;
}

/** Per-region settings. Regions that only host clusters need no entry. */
export interface RegionInput {
  /** Region name, e.g. `us-west1`. */
  readonly name: Region;
  /**
   * Cloud NAT in this region.
   * @default enabled with default names in a region that hosts a private cluster
   */
  readonly nat?: NatInput;
  /**
   * Range of the proxy-only subnet (`REGIONAL_MANAGED_PROXY` or `GLOBAL_MANAGED_PROXY`, as the
   * gateways need) that Envoy-based internal load balancers need in every region where they have
   * a frontend or backend, e.g. `10.129.0.0/23`.
   * @default none (no proxy-only subnet)
   */
  readonly proxyOnlySubnet?: Ipv4Cidr;
}
