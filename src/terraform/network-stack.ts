import { Construct } from 'constructs';
import { ITerraformDependable, TerraformOutput } from 'cdktf';
import { ComputeAddress } from '@cdktf/provider-google/lib/compute-address';
import { ComputeGlobalAddress } from '@cdktf/provider-google/lib/compute-global-address';
import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import { reservedEastWestAddress } from '../topology/resolve/mesh-plan';
import { gatewayStaticIpOutput, MCI_STATIC_IP_OUTPUT, NETWORK_IDS } from '../plan/terraform-plan';
import { StackPlan } from '../plan/types';
import { ResolvedTopology } from '../topology/model/types';
import { gatewayAddressSubnet, gatewayProxyOnlyPurposes, meshFirewallRanges, nodeServiceAccountEmail, requiredServices } from './derive';
import { MeshFirewall } from './mesh-firewall';
import { MeshfleetStack } from './meshfleet-stack';
import { ProjectServices } from './project-services';
import { ProxyOnlySubnet } from './proxy-only-subnet';
import { RegionalNat } from './regional-nat';

/**
 * First stack to apply: project APIs (every API of the three stacks) and everything of the VPC
 * that clusters and load balancers rely on (custom network and subnets, NAT, the mesh firewall
 * rule, proxy-only subnets, static gateway addresses, the east-west address of a primary-remote
 * mesh, the multi-cluster ingress's global address). Every resource here waits for the Compute Engine API (`depends_on`), so the first apply
 * on an empty project succeeds. Changes here are rare and never replace a cluster. Which of the
 * VPC pieces exist, and their construct ids, is the plan's (`stack`, see `planTerraform`).
 */
export class NetworkStack extends MeshfleetStack {
  /** Reserved NAT addresses by region, allow-listed on private control planes. */
  public readonly natAddresses: ReadonlyArray<{ readonly region: string; readonly name: string; readonly address: string }>;
  /** The APIs enabled by this stack. */
  public readonly services: ProjectServices;

  constructor(scope: Construct, id: string, model: ResolvedTopology, stack: StackPlan) {
    super(scope, id, { projectId: model.project.id, topologyName: model.name, backend: model.terraform.backend });
    this.services = new ProjectServices(this, 'services', { services: requiredServices(model) });
    const compute: ITerraformDependable[] = [this.services.service('compute.googleapis.com')];
    const planned = new Set(stack.resources.map((r) => r.path[0]));
    const network = this.network(model, planned, compute);

    const nats = model.regions.flatMap((r) =>
      r.nat === undefined || !planned.has(NETWORK_IDS.nat(r.name))
        ? []
        : [
            {
              region: r.name,
              name: r.nat.addressName,
              nat: new RegionalNat(this, NETWORK_IDS.nat(r.name), {
                region: r.name,
                network,
                logFilter: r.nat.logFilter,
                addressName: r.nat.addressName,
                routerName: r.nat.routerName,
                natName: r.nat.natName,
                dependsOn: compute,
              }),
            },
          ],
    );
    this.natAddresses = nats.map(({ region, name, nat }) => ({ region, name, address: nat.address.address }));

    const firewallRanges = meshFirewallRanges(model);
    if (firewallRanges.length > 0) {
      new MeshFirewall(this, 'mesh-firewall', {
        network,
        sourceRanges: firewallRanges,
        targetServiceAccounts: [nodeServiceAccountEmail(model)],
        name: model.network.firewallName,
        dependsOn: compute,
      });
    }

    const purposes = gatewayProxyOnlyPurposes(model);
    for (const region of model.regions) {
      if (region.proxyOnlySubnet !== undefined && planned.has(NETWORK_IDS.proxyOnlySubnet(region.name))) {
        new ProxyOnlySubnet(this, NETWORK_IDS.proxyOnlySubnet(region.name), {
          region: region.name,
          network,
          cidr: region.proxyOnlySubnet,
          purpose: purposes.get(region.name),
          dependsOn: compute,
        });
      }
    }

    const addressSubnet = gatewayAddressSubnet(model);
    for (const gateway of model.gateways) {
      for (const address of gateway.addresses) {
        if (address.staticAddress === undefined || !planned.has(NETWORK_IDS.gatewayAddress(address.staticAddress))) continue;
        new ComputeAddress(this, NETWORK_IDS.gatewayAddress(address.staticAddress), {
          name: address.staticAddress,
          region: address.region,
          addressType: 'INTERNAL',
          subnetwork: addressSubnet,
          description: `Internal address of gateway ${gateway.namespace}/${gateway.name} in ${address.region} (meshfleet)`,
          dependsOn: compute,
        });
      }
    }

    const eastWest = reservedEastWestAddress(model);
    if (eastWest !== undefined && planned.has(NETWORK_IDS.eastWestAddress(eastWest.cluster))) {
      const address = new ComputeAddress(this, NETWORK_IDS.eastWestAddress(eastWest.cluster), {
        name: eastWest.name,
        region: eastWest.region,
        ...(eastWest.subnetwork === undefined ? { addressType: 'EXTERNAL' } : { addressType: 'INTERNAL', subnetwork: eastWest.subnetwork }),
        description: `East-west gateway of ${eastWest.cluster}: remote clusters reach its istiod here (meshfleet)`,
        dependsOn: compute,
      });
      const output = new TerraformOutput(this, eastWest.output, {
        value: address.address,
        description: `Load balancer IP of the east-west gateway of ${eastWest.cluster} (istioctl --set)`,
      });
      output.overrideLogicalId(eastWest.output);
    }

    const mci = model.multiClusterIngress;
    if (mci?.staticAddressName !== undefined && planned.has(NETWORK_IDS.multiClusterIngressAddress)) {
      this.globalAddress(NETWORK_IDS.multiClusterIngressAddress, mci.staticAddressName, MCI_STATIC_IP_OUTPUT, compute, {
        address: `Address of the multi-cluster ingress ${mci.namespace}/${mci.name} (meshfleet)`,
        output: `IP of the multi-cluster ingress ${mci.namespace}/${mci.name} (its networking.gke.io/static-ip annotation)`,
      });
    }
    for (const gateway of model.gateways) {
      const name = gateway.staticAddressName;
      if (name === undefined || !planned.has(NETWORK_IDS.gatewayGlobalAddress(name))) continue;
      this.globalAddress(NETWORK_IDS.gatewayGlobalAddress(name), name, gatewayStaticIpOutput(name), compute, {
        address: `Address of the multi-cluster Gateway ${gateway.namespace}/${gateway.name} (meshfleet)`,
        output: `IP of the multi-cluster Gateway ${gateway.namespace}/${gateway.name} (point its DNS names here)`,
      });
    }
  }

  /** A reserved global external IPv4 address (the MultiClusterIngress's, a Gateway's) and the output holding its IP. */
  private globalAddress(id: string, name: string, outputName: string, dependsOn: ITerraformDependable[], descriptions: { address: string; output: string }): void {
    const address = new ComputeGlobalAddress(this, id, { name, addressType: 'EXTERNAL', ipVersion: 'IPV4', description: descriptions.address, dependsOn });
    const output = new TerraformOutput(this, outputName, { value: address.address, description: descriptions.output });
    output.overrideLogicalId(outputName);
  }

  /** The VPC to attach to: created with its subnets when the plan has them (the topology declares subnets). */
  private network(model: ResolvedTopology, planned: ReadonlySet<string>, dependsOn: ITerraformDependable[]): string {
    if (!planned.has(NETWORK_IDS.network)) return model.network.name;
    const network = new ComputeNetwork(this, NETWORK_IDS.network, {
      name: model.network.name,
      autoCreateSubnetworks: false,
      routingMode: 'GLOBAL',
      dependsOn,
    });
    for (const subnet of model.network.subnets) {
      new ComputeSubnetwork(this, NETWORK_IDS.subnet(subnet.name, subnet.region), {
        name: subnet.name,
        region: subnet.region,
        network: network.name,
        ipCidrRange: subnet.cidr,
        privateIpGoogleAccess: true,
        dependsOn,
      });
    }
    return network.name;
  }
}
