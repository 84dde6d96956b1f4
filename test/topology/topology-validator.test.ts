import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateTopology } from '../../src/topology';
import { validateTopologyShape } from '../../src/topology/generated/topology-validator.generated';

// The generator is a plain CommonJS build script.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const generator = require('../../scripts/generate-topology-validator.js') as { generateValidatorSource(): string; OUTPUT: string };

test('the committed validator is the Ajv standalone compilation of the current schema (run scripts/generate-topology-validator.js)', () => {
  expect(generator.OUTPUT).toBe(path.resolve(__dirname, '../../src/topology/generated/topology-validator.generated.ts'));
  const committed = fs.readFileSync(generator.OUTPUT, 'utf8');
  const fresh = generator.generateValidatorSource();
  // Compare without printing 700 kB on a mismatch.
  expect({ length: committed.length, same: committed === fresh }).toEqual({ length: fresh.length, same: true });
});

test('the precompiled validator reports with the data and parent schema that problem messages need', () => {
  expect(validateTopologyShape({ name: 'x', project: { id: 'my-project' }, clusters: [{ name: 'c', zone: 'nowhere' }] })).toBe(false);
  const zone = validateTopologyShape.errors!.find((e) => e.instancePath === '/clusters/0/zone');
  expect(zone).toMatchObject({ keyword: 'pattern', data: 'nowhere', parentSchema: { description: 'zone such as us-west2-a' } });
  expect(() => validateTopology({ name: 'x', project: { id: 'my-project' }, clusters: [{ name: 'c', zone: 'nowhere' }] })).toThrow(
    /clusters\[0\]\.zone/,
  );
});
