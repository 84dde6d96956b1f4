import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { topologySchemaDocument } from '../../src/cli/schema-command';
import { loadTopologyFile, parseTopologyText, validateTopology } from '../../src/load/load';
import { TOPOLOGY_SCHEMA } from '../../src/topology';
import { examples, REPO_ROOT, run } from './helpers';

const SCHEMA_FILE = path.join(REPO_ROOT, 'topology.schema.json');
const MODELINE = '# yaml-language-server: $schema=../topology.schema.json';

describe('meshfleet schema', () => {
  test('prints the topology schema as a draft-07 JSON Schema document', async () => {
    const result = await run('schema');
    expect(result.status).toBe(0);
    expect(result.stderr).toEqual([]);
    const document = JSON.parse(result.stdout.join('\n')) as Record<string, unknown>;
    expect(document).toEqual(topologySchemaDocument());
    expect(document.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(document.properties).toEqual(TOPOLOGY_SCHEMA.properties);
    expect(document.required).toEqual(['name', 'project', 'clusters']);
  });

  test(`the committed topology.schema.json is its output (regenerate: npx meshfleet schema > topology.schema.json)`, async () => {
    const result = await run('schema');
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(`${result.stdout.join('\n')}\n`);
  });

  test('the schema file compiles in a strict validator and accepts every example', () => {
    const validate = new Ajv({ strict: true, allowUnionTypes: true }).compile(JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')));
    for (const file of examples()) {
      expect({ file: path.basename(file), valid: validate(parse(fs.readFileSync(file, 'utf8'))), errors: validate.errors ?? null }).toEqual({
        file: path.basename(file),
        valid: true,
        errors: null,
      });
    }
  });
});

describe('the examples point editors at the schema', () => {
  test.each(examples().map((file) => [path.basename(file), file]))('%s starts with the yaml-language-server line', (_name, file) => {
    const text = fs.readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toBe(MODELINE);
    expect(path.resolve(path.dirname(file), MODELINE.split('$schema=')[1])).toBe(SCHEMA_FILE);
    // The line is a comment: the topology loads the same with and without it.
    const withoutLine = text.slice(MODELINE.length + 1);
    expect(loadTopologyFile(file)).toEqual(validateTopology(parseTopologyText(withoutLine, file), file));
  });
});
