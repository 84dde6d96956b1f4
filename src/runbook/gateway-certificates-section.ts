import { gatewayClassTraits } from '../topology/model/gateway-classes';
import { gkeClusters, ResolvedGateway, ResolvedTopology } from '../topology/model/types';
import { preSharedCertificates, PRE_SHARED_CERTS_OPTION } from '../topology/model/gateway';
import { gatewaySecretsOf } from '../plan/gateway-certificates';
import { applySecretCommand, contextFlag } from './commands';
import { blocks, code, Context, list, RunbookSection, sh, unique } from './shared';

/** Variable naming the folder (outside the output folder) that holds the gateways' certificate and key files. */
export const GATEWAY_CERTS_DIR_VARIABLE = 'MESHFLEET_GATEWAY_CERTS_DIR';

/**
 * Where a gateway's Compute Engine SSL certificates live: `--global` for the global external
 * classes (a global load balancer), else `--region` of the gateway's load balancer (its address
 * region, `gatewayPolicy.region`, or the config cluster's region).
 */
function certificateScope(model: ResolvedTopology, g: ResolvedGateway): string {
  if (gatewayClassTraits(g.className)?.globalAddress === true) return '--global';
  // A single-cluster gateway's load balancer is in its cluster's region, a multi-cluster one's in the config cluster's.
  const home = gkeClusters(model).find((c) => c.name === (g.cluster ?? model.fleet.configCluster))?.region;
  return `--region ${g.addresses[0]?.region ?? g.gatewayPolicy?.region ?? home}`;
}

/**
 * Certificates of the HTTPS listeners, which the load balancer needs before the Gateway is
 * applied: the pre-shared SSL certificates (`tls.options networking.gke.io/pre-shared-certs`) from
 * files kept outside the output folder, and the Certificate Manager map (`certificateMap`) with
 * an entry per listener host name.
 */
export function gatewayCertificatesSection(ctx: Context): RunbookSection | undefined {
  const project = ctx.model.project.id;
  const commands: string[] = [];
  const maps: string[] = [];
  const secrets: string[] = [];
  for (const g of ctx.model.gateways) {
    const https = g.listeners.filter((l) => l.protocol === 'HTTPS');
    const cluster = g.cluster ?? ctx.model.fleet.configCluster;
    for (const secret of gatewaySecretsOf(g)) {
      if (cluster === undefined) break;
      const file = `"\${${GATEWAY_CERTS_DIR_VARIABLE}}/${secret.name}`;
      secrets.push(code(`${secret.namespace}/${secret.name}`));
      commands.push(
        `# ${g.namespace}/${g.name}: TLS Secret ${secret.name} (namespace ${secret.namespace}) in ${cluster}`,
        `kubectl ${contextFlag(cluster)} create namespace ${secret.namespace} --dry-run=client -o yaml | kubectl ${contextFlag(cluster)} apply -f -`,
        applySecretCommand(cluster, `-n ${secret.namespace} create secret tls ${secret.name} --cert=${file}.crt" --key=${file}.key"`),
      );
    }
    const names = unique(https.flatMap(preSharedCertificates));
    if (names.length > 0) commands.push(`# ${g.namespace}/${g.name}: SSL certificates of ${list(https.map((l) => l.name))}`);
    for (const name of names) {
      const file = `"\${${GATEWAY_CERTS_DIR_VARIABLE}}/${name}`;
      commands.push(`gcloud compute ssl-certificates create ${name} --certificate ${file}.crt" --private-key ${file}.key" ${certificateScope(ctx.model, g)} --project ${project}`);
    }
    const sslPolicy = g.gatewayPolicy?.sslPolicy;
    if (sslPolicy !== undefined) {
      commands.push(
        `# ${g.namespace}/${g.name}: SSL policy (here TLS 1.2 and later with the MODERN profile; choose yours)`,
        `gcloud compute ssl-policies create ${sslPolicy} --profile MODERN --min-tls-version 1.2 ${certificateScope(ctx.model, g)} --project ${project}`,
      );
    }
    if (g.certificateMap !== undefined) {
      const hosts = unique(https.filter((l) => l.tls === undefined).map((l) => l.hostname ?? '*'));
      maps.push(code(g.certificateMap));
      commands.push(
        `# ${g.namespace}/${g.name}: certificate map ${g.certificateMap}, one entry per host name (CERTIFICATE: a Certificate Manager certificate of that name)`,
        `gcloud certificate-manager maps create ${g.certificateMap} --project ${project}`,
        ...hosts.map((host, k) =>
          host === '*'
            ? `gcloud certificate-manager maps entries create ${g.certificateMap}-default --map ${g.certificateMap} --certificates "\${CERTIFICATE}" --set-primary --project ${project}`
            : `gcloud certificate-manager maps entries create ${g.certificateMap}-${k} --map ${g.certificateMap} --certificates "\${CERTIFICATE}" --hostname ${host} --project ${project}`,
        ),
      );
    }
  }
  if (commands.length === 0) return undefined;
  const cloud = commands.some((c) => c.startsWith('gcloud '));
  const files = `Put each certificate and its key (${code('<name>.crt')}, ${code('<name>.key')}) in ${code(`$${GATEWAY_CERTS_DIR_VARIABLE}`)}, outside this output folder and out of Git.`;
  const cloudText = cloud
    ? ` The SSL certificates named in ${code(`tls.options ${PRE_SHARED_CERTS_OPTION}`)} and the SSL policy of ${code(
        'gatewayPolicy.sslPolicy',
      )} live in Google Cloud, not in this folder: create them before applying the gateway's folder (the load balancer is built with them).`
    : '';
  const mapText =
    maps.length > 0
      ? ` The certificate ${maps.length === 1 ? 'map' : 'maps'} ${list(maps)} ${maps.length === 1 ? 'holds' : 'hold'} Certificate Manager certificates (${code(
          'gcloud certificate-manager certificates create',
        )}, self-managed or Google-managed); set ${code('CERTIFICATE')} to one before each entry.`
      : '';
  const secretText =
    secrets.length > 0
      ? ` The TLS ${secrets.length === 1 ? 'Secret' : 'Secrets'} ${list(secrets)} that ${code('tls.certificateRefs')} ${
          secrets.length === 1 ? 'names is' : 'name are'
        } created in the gateway's cluster from those files before its folder is applied (meshfleet never writes keys).`
      : '';
  return {
    title: 'Gateway certificates and SSL policies',
    lines: blocks(`The HTTPS listeners need their certificates before the Gateway exists. ${files}${cloudText}${mapText}${secretText}`, sh(commands)),
  };
}

/**
 * What the certificates section made with gcloud, which Terraform does not know: a sentence for the
 * teardown's "What stays", or undefined when it made nothing.
 */
export function gatewayCertificateLeftovers(model: ResolvedTopology): string | undefined {
  const made = model.gateways.flatMap((g) => [
    ...unique(g.listeners.flatMap(preSharedCertificates)).map((name) => `SSL certificate ${code(name)}`),
    ...(g.gatewayPolicy?.sslPolicy !== undefined ? [`SSL policy ${code(g.gatewayPolicy.sslPolicy)}`] : []),
    ...(g.certificateMap !== undefined ? [`certificate map ${code(g.certificateMap)}`] : []),
  ]);
  if (made.length === 0) return undefined;
  return `The gateways' ${list(unique(made))} stay (made with gcloud, not Terraform): delete them with gcloud once the Gateways are gone, if nothing else uses them.`;
}
