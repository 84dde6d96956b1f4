/**
 * The in-memory synthesis that `meshfleet validate` analyzes equals what `meshfleet synth` writes
 * (the reviewed golden output), and no example has an error finding; the offline API-server
 * checks reject none of its objects (and run every CEL rule they meet).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { analyze } from '../../src/analysis/analyze';
import { apiServerChecks } from '../../src/analysis/api-server/api-server-checks';
import { AnalysisInput } from '../../src/analysis/objects';
import { synthesizeForAnalysis } from '../../src/analysis/synthesize';
import { loadTopologyFile } from '../../src/load/load';

jest.setTimeout(60_000);

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const GOLDEN = path.join(__dirname, '..', 'golden');
const examples = fs
  .readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

/** Every YAML object under a golden cluster folder except the kustomization, as sorted JSON text. */
function goldenObjects(dir: string): string[] {
  const texts: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name !== 'kustomization.yaml') texts.push(...parseAllDocuments(fs.readFileSync(file, 'utf8')).map((d) => JSON.stringify(d.toJS())));
    }
  };
  walk(dir);
  return texts.sort();
}

describe.each(examples)('%s', (file) => {
  const name = file.replace(/\.yaml$/, '');
  let input: AnalysisInput;
  beforeAll(() => {
    input = synthesizeForAnalysis(loadTopologyFile(path.join(EXAMPLES, file)));
  });

  test('the Terraform stacks equal the golden cdk.tf.json files', () => {
    const stacksDir = path.join(GOLDEN, name, 'terraform', 'stacks');
    const golden = fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir).sort() : [];
    expect(Object.keys(input.terraform).sort()).toEqual(golden);
    for (const stack of golden) {
      expect(JSON.parse(JSON.stringify(input.terraform[stack]))).toEqual(JSON.parse(fs.readFileSync(path.join(stacksDir, stack, 'cdk.tf.json'), 'utf8')));
    }
  });

  test('the cluster objects equal the golden k8s folders', () => {
    const k8sDir = path.join(GOLDEN, name, 'k8s');
    const golden = fs.readdirSync(k8sDir).sort();
    expect(Object.keys(input.clusters).sort()).toEqual(golden);
    for (const cluster of golden) {
      expect(input.clusters[cluster].map((o) => JSON.stringify(o)).sort()).toEqual(goldenObjects(path.join(k8sDir, cluster)));
    }
  });

  test('the API server would accept every object: no offline API-server finding at all', () => {
    expect(apiServerChecks(input)).toEqual([]);
  });

  test('has no error finding', () => {
    expect(analyze(input).filter((f) => f.severity === 'error')).toEqual([]);
  });
});
