import { Construct } from 'constructs';
import { ComputeAddress } from '@cdktf/provider-google/lib/compute-address';
import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import { ResolvedTopology } from '../topology/types';
import { gatewayAddressSubnet, meshFirewallRanges, requiredServices } from './derive';
import { MeshFirewall } from './mesh-firewall';
import { MeshfleetStack } from './meshfleet-stack';
import { ProjectServices } from './project-services';
import { ProxyOnlySubnet } from './proxy-only-subnet';
import { RegionalNat } from './regional-nat';

/**
 * First stack to apply: project APIs and everything of the VPC that clusters and load balancers
 * rely on (custom network and subnets, NAT, the mesh firewall rule, proxy-only subnets, static
 * gateway addresses). Changes here are rare and never replace a cluster.
 */
export class NetworkStack extends MeshfleetStack {
  /** Reserved NAT addresses by region, allow-listed on private control planes. */
  public readonly natAddresses: ReadonlyArray<{ readonly region: string; readonly address: string }>;
  /** The APIs enabled by this stack. */
  public readonly services: ProjectServices;

  constructor(scope: Construct, id: string, model: ResolvedTopology) {
    super(scope, id, { projectId: model.project.id, topologyName: model.name, backend: model.terraform.backend });
    this.services = new ProjectServices(this, 'services', { services: requiredServices(model) });
    const network = this.network(model);

    const nats = model.regions
      .filter((r) => r.nat !== undefined)
      .map((r) => ({ region: r.name, nat: new RegionalNat(this, `nat-${r.name}`, { region: r.name, network, logFilter: r.nat!.logFilter }) }));
    this.natAddresses = nats.map(({ region, nat }) => ({ region, address: nat.address.address }));

    const firewallRanges = meshFirewallRanges(model);
    if (firewallRanges.length > 0) {
      new MeshFirewall(this, 'mesh-firewall', { network, sourceRanges: firewallRanges });
    }

    for (const region of model.regions) {
      if (region.proxyOnlySubnet !== undefined) {
        new ProxyOnlySubnet(this, `proxy-only-${region.name}`, { region: region.name, network, cidr: region.proxyOnlySubnet });
      }
    }

    const addressSubnet = gatewayAddressSubnet(model);
    for (const gateway of model.gateways) {
      for (const address of gateway.addresses) {
        if (address.staticAddress === undefined) continue;
        new ComputeAddress(this, `gateway-address-${address.staticAddress}`, {
          name: address.staticAddress,
          region: address.region,
          addressType: 'INTERNAL',
          subnetwork: addressSubnet,
          description: `Internal address of gateway ${gateway.namespace}/${gateway.name} in ${address.region} (meshfleet)`,
        });
      }
    }
  }

  /** The VPC to attach to: created with its subnets when the topology declares subnets. */
  private network(model: ResolvedTopology): string {
    if (model.network.subnets.length === 0) return model.network.name;
    const network = new ComputeNetwork(this, 'network', {
      name: model.network.name,
      autoCreateSubnetworks: false,
      routingMode: 'GLOBAL',
    });
    for (const subnet of model.network.subnets) {
      new ComputeSubnetwork(this, `subnet-${subnet.name}-${subnet.region}`, {
        name: subnet.name,
        region: subnet.region,
        network: network.name,
        ipCidrRange: subnet.cidr,
        privateIpGoogleAccess: true,
      });
    }
    return network.name;
  }
}
