import { validateTopology } from '../../src/load/load';
import { exampleInput } from '../k8s/helpers';
import { Draft, problemsOf } from './support';

/*
 * Istio security policy rules (src/topology/rules/security-policy-rules.ts), on variants of
 * examples/authorization-policies.yaml (Bookinfo with AuthorizationPolicies and a RequestAuthentication).
 */

const EXAMPLE = 'examples/authorization-policies.yaml';

/** The example with `edit` applied to its app (apps[0]). */
function variant(edit: (app: Draft, input: Draft) => void): Draft {
  const input = exampleInput(EXAMPLE) as Draft;
  edit(input.apps[0], input);
  return input;
}

/** `path: message` lines of the variant's problems. */
function lines(edit: (app: Draft, input: Draft) => void): string[] {
  return problemsOf(variant(edit)).map((p) => `${p.path}: ${p.message}`);
}

/** The example's policy `name`. */
function policy(app: Draft, name: string): Draft {
  return app.authorizationPolicies.find((p: Draft) => p.name === name);
}

describe('authorization policy rules', () => {
  test('the example is valid; its policies resolve with ALLOW by default and no rules for allow-nothing', () => {
    const model = validateTopology(exampleInput(EXAMPLE), 'test');
    const [allowNothing, , requireJwt, details] = model.apps[0].authorizationPolicies;
    expect(allowNothing).toEqual({ name: 'allow-nothing', action: 'ALLOW', rules: [] });
    expect(requireJwt.action).toBe('DENY');
    expect(details.action).toBe('ALLOW');
  });

  test('a selector must match a workload of the app: app and version labels, a version label of another version is fine', () => {
    expect(() =>
      validateTopology(
        variant((app) => (policy(app, 'reviews-viewer').selector = { matchLabels: { app: 'reviews', version: 'v3' } })),
        'test',
      ),
    ).not.toThrow();
    expect(lines((app) => (policy(app, 'reviews-viewer').selector = { matchLabels: { app: 'review' } }))).toEqual([
      expect.stringMatching(/^apps\[0\]\.authorizationPolicies\[4\]\.selector\.matchLabels: the selector matches no workload of the app .*found "app: review"/),
    ]);
    expect(lines((app) => (policy(app, 'reviews-viewer').selector = { matchLabels: { app: 'reviews', version: 'v9' } }))).toEqual([
      expect.stringMatching(/^apps\[0\]\.authorizationPolicies\[4\]\.selector\.matchLabels: the selector matches no workload/),
    ]);
    expect(lines((app) => (app.requestAuthentications[0].selector = { matchLabels: { app: 'frontend' } }))).toEqual([
      expect.stringMatching(/^apps\[0\]\.requestAuthentications\[0\]\.selector\.matchLabels: the selector matches no workload/),
    ]);
    expect(lines((app) => (policy(app, 'reviews-viewer').selector = { matchLabels: {} }))).toEqual([
      expect.stringMatching(/^apps\[0\]\.authorizationPolicies\[4\]\.selector\.matchLabels: an empty selector selects every workload/),
    ]);
  });

  test('a principal must name a namespace and service account of the topology; wildcards and istio-system are not checked', () => {
    const principals = (list: string[]) => (app: Draft) => (policy(app, 'reviews-viewer').rules[0].from[0].source.principals = list);
    expect(lines(principals(['cluster.local/ns/bookinfo/sa/bookinfo-product']))).toEqual([
      expect.stringMatching(
        /^apps\[0\]\.authorizationPolicies\[4\]\.rules\[0\]\.from\[0\]\.source\.principals\[0\]: no service account bookinfo-product in namespace bookinfo .*expected one of default, bookinfo-details/,
      ),
    ]);
    expect(lines(principals(['cluster.local/ns/bookinf/sa/bookinfo-productpage']))).toEqual([
      expect.stringMatching(
        /principals\[0\]: no app or gateway of the topology runs in namespace bookinf.*expected a namespace of the topology: bookinfo, istio-ingress, istio-system/,
      ),
    ]);
    expect(lines(principals(['cluster.local/ns/istio-ingress/sa/ingressgateway']))).toEqual([
      expect.stringMatching(/no service account ingressgateway in namespace istio-ingress/),
    ]);
    expect(() =>
      validateTopology(
        variant(principals(['*/ns/bookinfo/sa/bookinfo-productpage', 'cluster.local/ns/bookinfo/sa/*', 'cluster.local/ns/istio-system/sa/anything', 'spiffe-less', '*'])),
        'test',
      ),
    ).not.toThrow();
    expect(lines((app) => (policy(app, 'ratings-viewer').rules[0].from[0].source = { notNamespaces: ['kube-system', 'bookinfo'] }))).toEqual([
      expect.stringMatching(
        /^apps\[0\]\.authorizationPolicies\[5\]\.rules\[0\]\.from\[0\]\.source\.notNamespaces\[0\]: no app or gateway of the topology runs in namespace kube-system/,
      ),
    ]);
  });

  test('when keys come from Istio’s list and need values; ports and IP blocks are parsed', () => {
    const when = (conditions: Draft[]) => (app: Draft) => (policy(app, 'ratings-viewer').rules[0].when = conditions);
    expect(() =>
      validateTopology(
        variant(
          when([
            { key: 'request.headers[x-user]', values: ['alice'] },
            { key: 'request.auth.claims[groups]', values: ['admins'] },
            { key: 'request.auth.claims[nested][key]', notValues: ['x'] },
            { key: 'destination.port', values: ['9080'] },
            { key: 'source.ip', values: ['10.0.0.0/8'] },
            { key: 'connection.sni', values: ['ratings.example.com'] },
          ]),
        ),
        'test',
      ),
    ).not.toThrow();
    expect(lines(when([{ key: 'request.header[x-user]', values: ['alice'] }]))).toEqual([
      expect.stringMatching(/^apps\[0\]\.authorizationPolicies\[5\]\.rules\[0\]\.when\[0\]\.key: not an Istio authorization condition key .*found "request.header\[x-user\]"/),
    ]);
    expect(lines(when([{ key: 'source.principal', values: ['cluster.local/ns/bookinfo/sa/ratings'] }]))).toEqual([
      expect.stringMatching(/^apps\[0\]\.authorizationPolicies\[5\]\.rules\[0\]\.when\[0\]\.values\[0\]: no service account ratings in namespace bookinfo/),
    ]);
    expect(lines(when([{ key: 'source.namespace', notValues: ['bookinfo', 'foo'] }]))).toEqual([
      expect.stringMatching(/^apps\[0\]\.authorizationPolicies\[5\]\.rules\[0\]\.when\[0\]\.notValues\[1\]: no app or gateway of the topology runs in namespace foo/),
    ]);
    expect(lines(when([{ key: 'source.namespace' }]))).toEqual([
      expect.stringMatching(/^apps\[0\]\.authorizationPolicies\[5\]\.rules\[0\]\.when\[0\]: a condition needs values .*values or notValues/),
    ]);
    expect(lines(when([{ key: 'destination.port', values: ['http'] }]))).toEqual([
      expect.stringMatching(/when\[0\]\.values\[0\]: a port is a number from 1 to 65535 \(found "http"/),
    ]);
    expect(lines(when([{ key: 'source.ip', notValues: ['10.0.0.300'] }]))).toEqual([expect.stringMatching(/when\[0\]\.notValues\[0\]: an IP block is an IP address or CIDR/)]);
    expect(lines((app) => (policy(app, 'details-viewer').rules[0].to[0].operation.ports = ['9080', '70000']))).toEqual([
      expect.stringMatching(/^apps\[0\]\.authorizationPolicies\[3\]\.rules\[0\]\.to\[0\]\.operation\.ports\[1\]: a port is a number/),
    ]);
    expect(lines((app) => (policy(app, 'details-viewer').rules[0].from[0].source = { ipBlocks: ['10.0.0.0/33'] }))).toEqual([
      expect.stringMatching(/source\.ipBlocks\[0\]: an IP block is an IP address or CIDR/),
    ]);
  });

  test('empty sources and operations are refused, as Istio refuses them', () => {
    expect(lines((app) => (policy(app, 'details-viewer').rules[0].from[0].source = {}))).toEqual([
      expect.stringMatching(/^apps\[0\]\.authorizationPolicies\[3\]\.rules\[0\]\.from\[0\]\.source: Istio refuses an empty source/),
    ]);
    expect(lines((app) => (policy(app, 'details-viewer').rules[0].to[0].operation = {}))).toEqual([
      expect.stringMatching(/^apps\[0\]\.authorizationPolicies\[3\]\.rules\[0\]\.to\[0\]\.operation: Istio refuses an empty operation/),
    ]);
  });

  test('CUSTOM needs a provider, and only CUSTOM takes one', () => {
    expect(lines((app) => (policy(app, 'productpage-require-jwt').action = 'CUSTOM'))).toEqual([
      expect.stringMatching(/^apps\[0\]\.authorizationPolicies\[2\]\.provider: action CUSTOM delegates to an external authorizer/),
    ]);
    expect(lines((app) => (policy(app, 'productpage-require-jwt').provider = { name: 'ext-authz' }))).toEqual([
      expect.stringMatching(/^apps\[0\]\.authorizationPolicies\[2\]\.provider: a provider is only used by action CUSTOM .*no provider with action DENY/),
    ]);
    expect(() =>
      validateTopology(
        variant((app) => Object.assign(policy(app, 'productpage-require-jwt'), { action: 'CUSTOM', provider: { name: 'ext-authz' } })),
        'test',
      ),
    ).not.toThrow();
  });

  test('jwksUri must be an https URL', () => {
    for (const uri of ['http://example.com/jwks.json', 'example.com/jwks.json', 'https://']) {
      expect(lines((app) => (app.requestAuthentications[0].jwtRules[0].jwksUri = uri))).toEqual([
        expect.stringMatching(/^apps\[0\]\.requestAuthentications\[0\]\.jwtRules\[0\]\.jwksUri: keys fetched without TLS .*expected an https URL/),
      ]);
    }
  });

  test('names are unique per kind in the app, and collide with meshfleet’s own policies in the plan', () => {
    expect(lines((app) => (policy(app, 'ratings-viewer').name = 'details-viewer'))).toEqual([
      expect.stringMatching(/^apps\[0\]\.authorizationPolicies\[5\]\.name: duplicate AuthorizationPolicy name, already used by apps\[0\]\.authorizationPolicies\[3\]\.name/),
    ]);
    expect(lines((app) => app.requestAuthentications.push({ ...app.requestAuthentications[0] }))).toEqual([
      expect.stringMatching(/^apps\[0\]\.requestAuthentications\[1\]\.name: duplicate RequestAuthentication name/),
    ]);
    expect(
      lines((app, input) => {
        input.mesh.defaultDeny = true;
        policy(app, 'allow-nothing').name = 'deny-all';
      }),
    ).toEqual([expect.stringMatching(/^apps\[0\]\.authorizationPolicies\[0\]\.name: .*AuthorizationPolicy deny-all in namespace bookinfo, already taken by mesh\.defaultDeny/)]);
  });

  test('the policies need a mesh', () => {
    const problems = lines((app, input) => {
      delete input.mesh;
      delete app.workloads.find((w: Draft) => w.name === 'productpage').expose;
      app.workloads.forEach((w: Draft) => delete w.selectorIncludesVersion);
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^apps\[0\]\.authorizationPolicies\[0\]: an AuthorizationPolicy is an Istio object and needs a mesh/),
        expect.stringMatching(/^apps\[0\]\.requestAuthentications\[0\]: a RequestAuthentication is an Istio object and needs a mesh/),
      ]),
    );
  });

  test('upstream fields meshfleet does not support are refused by the schema, not passed through', () => {
    expect(lines((app) => (policy(app, 'details-viewer').rules[0].from[0].source.serviceAccounts = ['bookinfo/productpage'])).join('\n')).toMatch(
      /apps\[0\]\.authorizationPolicies\[3\]\.rules\[0\]\.from\[0\]\.source/,
    );
    expect(lines((app) => (policy(app, 'details-viewer').action = 'LOG')).join('\n')).toMatch(/apps\[0\]\.authorizationPolicies\[3\]\.action/);
    expect(lines((app) => delete app.requestAuthentications[0].jwtRules[0].issuer).join('\n')).toMatch(/apps\[0\]\.requestAuthentications\[0\]\.jwtRules\[0\]/);
  });
});
