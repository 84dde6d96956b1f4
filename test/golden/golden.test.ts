/**
 * Whole-example golden output: every file `meshfleet synth` writes for each example must equal
 * the reviewed copy under test/golden/<example>/. After a deliberate change, rewrite them with
 * `UPDATE_GOLDEN=1 npx jest test/golden`, read the diff, and say in the commit why it changed.
 * CI never writes them.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { synthesizeAll } from '../../src/synth';
import { loadTopologyFile } from '../../src/load/load';
import { listFiles } from '../../src/output/list-files';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const UPDATE = process.env.UPDATE_GOLDEN === '1' && process.env.CI !== 'true';

const examples = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')).sort();

describe.each(examples)('golden output of %s', (file) => {
  const name = file.replace(/\.yaml$/, '');
  const goldenDir = path.join(__dirname, name);
  let outDir: string;

  beforeAll(async () => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), `meshfleet-golden-${name}-`));
    const model = loadTopologyFile(path.join(EXAMPLES, file));
    await synthesizeAll(model, outDir, { topologyPath: `examples/${file}`, outPath: 'dist' });
    if (UPDATE) {
      fs.rmSync(goldenDir, { recursive: true, force: true });
      fs.cpSync(outDir, goldenDir, { recursive: true });
    }
  });

  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  test('produces exactly the reviewed set of files', () => {
    expect(fs.existsSync(goldenDir)).toBe(true);
    expect(listFiles(outDir)).toEqual(listFiles(goldenDir));
  });

  test('every file equals its reviewed copy', () => {
    for (const relative of listFiles(goldenDir)) {
      const actual = fs.readFileSync(path.join(outDir, relative), 'utf8');
      const expected = fs.readFileSync(path.join(goldenDir, relative), 'utf8');
      expect({ file: relative, content: actual }).toEqual({ file: relative, content: expected });
    }
  });
});
