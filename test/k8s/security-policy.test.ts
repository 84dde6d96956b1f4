import { AppAuthorizationPolicy, AppRequestAuthentication } from '../../src/k8s/app-security-policy';
import { buildPlan } from '../../src/plan/build-plan';
import { EXAMPLES, clusterObjects, exampleInput, findObject, idsOf, modelOf, synthChart } from './helpers';
import { validateObjects } from './schema';

/*
 * Istio security policy of an app (issue 18, capability 4): AuthorizationPolicy and
 * RequestAuthentication in upstream's shape, in the API version the mesh serves, placed where
 * the app's workloads run.
 */

const viewer = {
  name: 'reviews-viewer',
  selector: { matchLabels: { app: 'reviews' } },
  action: 'ALLOW' as const,
  rules: [
    {
      from: [{ source: { principals: ['cluster.local/ns/bookinfo/sa/bookinfo-productpage'], notIpBlocks: ['10.9.0.0/16'] } }],
      to: [{ operation: { methods: ['GET'], ports: ['9080'], notPaths: ['/admin/*'] } }],
      when: [{ key: 'request.auth.claims[groups]', values: ['readers'] }],
    },
  ],
};

const jwt = {
  name: 'productpage-jwt',
  selector: { matchLabels: { app: 'productpage' } },
  jwtRules: [
    {
      issuer: 'testing@secure.istio.io',
      jwksUri: 'https://example.com/jwks.json',
      audiences: ['bookinfo'],
      forwardOriginalToken: true,
      fromHeaders: [{ name: 'x-jwt-assertion', prefix: 'Bearer ' }],
      fromParams: ['token'],
      outputPayloadToHeader: 'x-jwt-payload',
    },
  ],
};

describe('AppAuthorizationPolicy', () => {
  test('writes the entry as the spec, upstream field for field, v1 on v1 meshes', () => {
    const [policy] = synthChart((c) => new AppAuthorizationPolicy(c, 'p', { namespace: 'bookinfo', policy: viewer, istioApiVersion: 'v1' }));
    expect(policy).toEqual({
      apiVersion: 'security.istio.io/v1',
      kind: 'AuthorizationPolicy',
      metadata: { name: 'reviews-viewer', namespace: 'bookinfo' },
      spec: { selector: viewer.selector, action: 'ALLOW', rules: viewer.rules },
    });
    validateObjects([policy]);
  });

  test('no rules: Istio’s deny-all form without rules; CUSTOM with its provider; v1beta1 on older meshes', () => {
    const [nothing, custom] = synthChart((c) => {
      new AppAuthorizationPolicy(c, 'a', { namespace: 'bookinfo', policy: { name: 'allow-nothing', action: 'ALLOW', rules: [] }, istioApiVersion: 'v1beta1' });
      new AppAuthorizationPolicy(c, 'b', {
        namespace: 'bookinfo',
        policy: { name: 'ext-authz', action: 'CUSTOM', provider: { name: 'my-ext-authz' }, rules: [{ to: [{ operation: { paths: ['/headers'] } }] }] },
        istioApiVersion: 'v1beta1',
      });
    });
    expect(nothing).toEqual({
      apiVersion: 'security.istio.io/v1beta1',
      kind: 'AuthorizationPolicy',
      metadata: { name: 'allow-nothing', namespace: 'bookinfo' },
      spec: { action: 'ALLOW' },
    });
    expect(custom.spec).toEqual({ action: 'CUSTOM', provider: { name: 'my-ext-authz' }, rules: [{ to: [{ operation: { paths: ['/headers'] } }] }] });
    validateObjects([nothing, custom]);
  });
});

describe('AppRequestAuthentication', () => {
  test('writes the JWT rules; jwksUri under the proto name jwks_uri, which Istio reads alike', () => {
    const [auth] = synthChart((c) => new AppRequestAuthentication(c, 'r', { namespace: 'bookinfo', requestAuthentication: jwt, istioApiVersion: 'v1' }));
    const { jwksUri, ...rest } = jwt.jwtRules[0];
    expect(auth).toEqual({
      apiVersion: 'security.istio.io/v1',
      kind: 'RequestAuthentication',
      metadata: { name: 'productpage-jwt', namespace: 'bookinfo' },
      spec: { selector: jwt.selector, jwtRules: [{ ...rest, jwks_uri: jwksUri }] },
    });
    validateObjects([auth]);
    const [old] = synthChart((c) => new AppRequestAuthentication(c, 'r', { namespace: 'bookinfo', requestAuthentication: jwt, istioApiVersion: 'v1beta1' }));
    expect(old.apiVersion).toBe('security.istio.io/v1beta1');
    validateObjects([old]);
  });
});

describe('placement', () => {
  test('in the app’s file of every cluster that runs one of its workloads, after its ServiceEntries', () => {
    const input = exampleInput(EXAMPLES.multiPrimary);
    input.apps[0].authorizationPolicies = [{ name: 'allow-nothing' }];
    input.apps.push({
      namespace: 'east',
      workloads: [{ name: 'api', image: 'example/api:1', port: 8080, clusters: ['cluster2'] }],
      serviceEntries: [{ name: 'ext', hosts: ['api.example.com'], ports: [{ number: 443, name: 'https', protocol: 'HTTPS' }] }],
      authorizationPolicies: [{ name: 'api-viewer', selector: { matchLabels: { app: 'api' } }, rules: [{ from: [{ source: { namespaces: ['sample'] } }] }] }],
      requestAuthentications: [{ name: 'api-jwt', jwtRules: [{ issuer: 'https://accounts.google.com' }] }],
    });
    const model = modelOf(input);
    for (const cluster of ['cluster1', 'cluster2']) findObject(clusterObjects(model, cluster), 'AuthorizationPolicy', 'allow-nothing', 'sample');
    // Services go to every cluster (cross-cluster discovery); Istio objects only where the app runs.
    const istio = (cluster: string) =>
      idsOf(clusterObjects(model, cluster)).filter((id) => id.includes('/east/') && /^(ServiceEntry|AuthorizationPolicy|RequestAuthentication)\//.test(id));
    expect(istio('cluster1')).toEqual([]);
    expect(istio('cluster2')).toEqual(['ServiceEntry/east/ext', 'AuthorizationPolicy/east/api-viewer', 'RequestAuthentication/east/api-jwt']);
  });

  test('a pre-1.22 mesh (ASM 1.8.6): v1beta1 in the plan and in the files alike', () => {
    const input = exampleInput(EXAMPLES.asmOnprem);
    input.apps[0].authorizationPolicies = [{ name: 'frontend-viewer', selector: { matchLabels: { app: 'frontend' } }, rules: [{ to: [{ operation: { methods: ['GET'] } }] }] }];
    input.apps[0].requestAuthentications = [{ name: 'frontend-jwt', jwtRules: [{ issuer: 'https://accounts.google.com', jwksUri: 'https://www.googleapis.com/oauth2/v3/certs' }] }];
    const model = modelOf(input);
    const planned = buildPlan(model)
      .clusters.flatMap((c) => c.files.flatMap((f) => f.objects))
      .filter((o) => o.kind === 'AuthorizationPolicy' || o.kind === 'RequestAuthentication');
    expect(planned.length).toBeGreaterThan(0);
    for (const o of planned) {
      expect(o.apiVersion).toBe('security.istio.io/v1beta1');
      expect(o.source).toMatch(/^apps\[0\]\.(authorizationPolicies|requestAuthentications)\[0\]$/);
    }
    const written = model.clusters.flatMap((c) => clusterObjects(model, c.name)).filter((o) => o.kind === 'AuthorizationPolicy' || o.kind === 'RequestAuthentication');
    expect(written.map((o) => `${o.apiVersion} ${o.kind}`)).toEqual(planned.map((o) => `${o.apiVersion} ${o.kind}`));
    validateObjects(written);
  });
});
