import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { validateTopology } from '../../src/load/load';
import { TOPOLOGY_SCHEMA } from '../../src/topology/generated/topology-schema.generated';
import { validateTopologyShape } from '../../src/topology/generated/topology-validator.generated';

// The generator is a plain CommonJS build script.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const generator = require('../../scripts/generate-schema.js') as { generate(): Record<string, string>; OUTPUTS: Record<string, string> };

const ROOT = path.resolve(__dirname, '../..');

describe('the files generated from the topology model (run npm run generate)', () => {
  // One generation (a few seconds: it builds a TypeScript program of the model) for every file.
  const fresh = generator.generate();

  test('are the four expected files', () => {
    expect(
      Object.keys(fresh)
        .map((file) => path.relative(ROOT, file))
        .sort(),
    ).toEqual([
      'src/topology/generated/defaults.generated.ts',
      'src/topology/generated/topology-schema.generated.ts',
      'src/topology/generated/topology-validator.generated.ts',
      'topology.schema.json',
    ]);
  });

  test.each(Object.keys(fresh).map((file) => [path.relative(ROOT, file), file]))('%s is a fresh generation', (_name, file) => {
    const committed = fs.readFileSync(file, 'utf8');
    // Compare without printing 700 kB on a mismatch.
    expect({ length: committed.length, same: committed === fresh[file] }).toEqual({ length: fresh[file].length, same: true });
  });
});

/** Every property schema (an entry of some `properties`), with its field path. */
function propertiesOf(schema: unknown, at = ''): Array<{ path: string; schema: Record<string, unknown> }> {
  if (schema === null || typeof schema !== 'object') return [];
  const node = schema as Record<string, unknown>;
  const out: Array<{ path: string; schema: Record<string, unknown> }> = [];
  for (const [name, property] of Object.entries((node.properties ?? {}) as Record<string, Record<string, unknown>>)) {
    out.push({ path: at ? `${at}.${name}` : name, schema: property }, ...propertiesOf(property, at ? `${at}.${name}` : name));
  }
  for (const key of ['items', 'additionalProperties']) out.push(...propertiesOf(node[key], `${at}[]`));
  return out;
}

describe('the generated topology schema', () => {
  const properties = propertiesOf(TOPOLOGY_SCHEMA);
  const undescribed = properties.filter((p) => typeof p.schema.description !== 'string' || p.schema.description.trim() === '').map((p) => p.path);

  test('describes at least 98 % of its properties (editors show the descriptions)', () => {
    expect(properties.length).toBeGreaterThan(400);
    expect({ undescribed, share: (properties.length - undescribed.length) / properties.length >= 0.98 }).toEqual({ undescribed: [], share: true });
  });

  test('takes literal defaults from `@default` and writes computed ones as prose', () => {
    const cluster = ((TOPOLOGY_SCHEMA.properties as Record<string, Record<string, unknown>>).clusters.items as Record<string, Record<string, Record<string, unknown>>>).properties;
    expect(cluster.platform.default).toBe('gke');
    expect(cluster.region).not.toHaveProperty('default');
    expect(cluster.region.description).toMatch(/\n\nDefault: derived from the zone\.$/);
  });

  test('every literal default is a valid value of its field', () => {
    const ajv = new Ajv({ strict: false, allowUnionTypes: true });
    const withDefaults = properties.filter((p) => 'default' in p.schema);
    expect(withDefaults.length).toBeGreaterThan(50);
    const invalid = withDefaults.filter((p) => {
      const { default: value, ...schema } = p.schema;
      return !ajv.validate(schema, value);
    });
    expect(invalid.map((p) => `${p.path}: ${JSON.stringify(p.schema.default)}`)).toEqual([]);
  });

  test('takes its patterns from the predicates and its "expected" wording from the format aliases', () => {
    const zone = ((TOPOLOGY_SCHEMA.properties as Record<string, Record<string, unknown>>).clusters.items as Record<string, Record<string, Record<string, unknown>>>).properties
      .zone;
    expect(zone).toMatchObject({ type: 'string', pattern: '^[a-z]+-[a-z]+[0-9]+-[a-z]$', title: 'zone such as us-west2-a' });
  });
});

test('the precompiled validator reports with the data and parent schema that problem messages need', () => {
  expect(validateTopologyShape({ name: 'x', project: { id: 'my-project' }, clusters: [{ name: 'c', zone: 'nowhere' }] })).toBe(false);
  const zone = validateTopologyShape.errors!.find((e) => e.instancePath === '/clusters/0/zone');
  expect(zone).toMatchObject({ keyword: 'pattern', data: 'nowhere', parentSchema: { title: 'zone such as us-west2-a' } });
  expect(() => validateTopology({ name: 'x', project: { id: 'my-project' }, clusters: [{ name: 'c', zone: 'nowhere' }] })).toThrow(
    'clusters[0].zone: wrong format (found "nowhere", expected a zone such as us-west2-a)',
  );
});
