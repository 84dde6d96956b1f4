import { isMultiClusterGatewayClass } from '../topology/model/gateway-classes';
import { createSecretCommand, kubectlApplyFile, secretFilePath, SECRETS_DIR_VARIABLE } from './commands';
import { blocks, code, Context, folderFiles, NAMESPACES_FILE, RunbookSection, sh, unique } from './shared';

/** Key of the OAuth client secret in an IAP Secret (GKE reads `key`). */
const IAP_SECRET_KEY = 'key';

/**
 * Identity-Aware Proxy: the OAuth client secret each GCPBackendPolicy with `iap` names, a Secret
 * in the gateway's cluster and namespace that meshfleet never writes. Created before the
 * folders, from a file outside the output folder.
 */
export function iapSecretsSection(ctx: Context): RunbookSection | undefined {
  const secrets = ctx.model.gateways.flatMap((g) => {
    const cluster = isMultiClusterGatewayClass(g.className) ? ctx.model.fleet.configCluster : g.cluster;
    return cluster === undefined
      ? []
      : g.backendPolicies.flatMap((p) =>
          p.iap?.enabled === true && p.iap.oauth2ClientSecret !== undefined ? [{ cluster, namespace: g.namespace, name: p.iap.oauth2ClientSecret.name }] : [],
        );
  });
  if (secrets.length === 0) return undefined;
  const commands = [`export ${SECRETS_DIR_VARIABLE}="\${HOME}/meshfleet-secrets/${ctx.model.name}"`];
  for (const key of unique(secrets.map((s) => `${s.cluster}/${s.namespace}/${s.name}`))) {
    const [cluster, namespace, name] = key.split('/');
    const namespaces = folderFiles(ctx, cluster).includes(NAMESPACES_FILE) ? [kubectlApplyFile(cluster, ctx.k8sPath(cluster, NAMESPACES_FILE))] : [];
    commands.push(`# ${name} (namespace ${namespace}): ${cluster}`, ...namespaces, createSecretCommand(cluster, namespace, name, [IAP_SECRET_KEY]));
  }
  const files = unique(secrets.map((s) => secretFilePath(s.namespace, s.name, IAP_SECRET_KEY).replace(/"/g, '')));
  return {
    title: 'Identity-Aware Proxy secrets',
    lines: blocks(
      `A GCPBackendPolicy with ${code('iap')} reads the OAuth client secret from a Secret in the gateway's namespace (key ${code(IAP_SECRET_KEY)}); meshfleet never writes it. In the Google Cloud console, APIs & Services > Credentials, open the OAuth client whose ID the policy names, copy its secret into ${files
        .map(code)
        .join(', ')} (${code('echo -n CLIENT_SECRET > FILE')}, outside this output folder and out of Git), then create the Secret before the folders:`,
      sh(commands),
    ),
  };
}
