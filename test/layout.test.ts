import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/*
 * The layout of src/ (DESIGN.md, "Shape of the code"): no import cycle between files or between
 * top-level folders, no hand-written source file over 600 lines. scripts/check-layout.js computes
 * the import graph with TypeScript's pre-processor; `node scripts/check-layout.js` prints the same.
 */

interface Allowed {
  readonly longFiles: readonly string[];
  readonly fileCycles: readonly string[];
  readonly folderCycles: readonly string[];
}
interface LayoutResult {
  readonly files: Map<string, Set<string>>;
  readonly folders: Map<string, Set<string>>;
  readonly fileCycles: string[];
  readonly folderCycles: string[];
  readonly longFiles: string[];
}

// The checker is a plain CommonJS script, also run on its own.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const layout = require('../scripts/check-layout.js') as {
  checkLayout(root?: string, allowed?: Partial<Allowed>): LayoutResult;
  offenderLines(result: LayoutResult): string[];
  readonly ALLOWED: Allowed;
  readonly MAX_LINES: number;
};

const ROOT = path.resolve(__dirname, '..');

test('src/ has no file import cycle, no folder import cycle and no hand-written file over 600 lines', () => {
  expect(layout.offenderLines(layout.checkLayout(ROOT))).toEqual([]);
});

test('every allowed offender still offends (an entry whose offence is gone is removed from ALLOWED)', () => {
  const unfiltered = layout.checkLayout(ROOT, {});
  const stillThere = (list: readonly string[], found: readonly string[]) => list.filter((entry) => !found.some((line) => line === entry || line.startsWith(`${entry}:`)));
  expect(stillThere(layout.ALLOWED.longFiles, unfiltered.longFiles)).toEqual([]);
  expect(stillThere(layout.ALLOWED.fileCycles, unfiltered.fileCycles)).toEqual([]);
  expect(stillThere(layout.ALLOWED.folderCycles, unfiltered.folderCycles)).toEqual([]);
});

test('the import graph sees import, import type, export from and require, and only files under src/', () => {
  const { files, folders } = layout.checkLayout(ROOT);
  // import type (sync-waves reads the manifest types only), export * from (a barrel), plain import.
  expect(files.get('src/k8s/sync-waves.ts')).toContain('src/k8s/manifest.ts');
  expect(files.get('src/gitops/index.ts')).toContain('src/gitops/gitops-objects.ts');
  expect(files.get('src/synth.ts')).toContain('src/output/paths.ts');
  // The intended direction between the GitOps and the Kubernetes halves, and output at the bottom.
  expect(folders.get('gitops')).toContain('k8s');
  expect(folders.get('k8s')).not.toContain('gitops');
  expect(folders.get('output') ?? new Set()).toEqual(new Set());
  for (const imports of files.values()) for (const target of imports) expect(target).toMatch(/^src\//);
});

describe('on a made-up tree', () => {
  let root: string;
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'meshfleet-layout-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  test('reports file cycles, folder cycles and long files, each once, and exempts generated files', () => {
    const long = 'export const x = 1;\n'.repeat(layout.MAX_LINES + 1);
    write('src/a/one.ts', "import { two } from './two';\nexport const one = two;\n");
    write('src/a/two.ts', "import type { one } from './one';\nexport const two: typeof one = 2;\n");
    write('src/a/three.ts', "export { four } from '../b/four';\n");
    write('src/b/four.ts', "import { five } from '../a/five';\nexport const four = five;\n");
    write('src/a/five.ts', "import * as fs from 'node:fs';\nexport const five = fs.constants.F_OK;\n");
    write('src/c/self.ts', "const me = require('./self');\nexport default me;\n");
    write('src/c/long.ts', long);
    write('src/c/long.generated.ts', long);
    write('src/topology/generated/validator.ts', long);
    write('src/top.ts', "import { one } from './a/one';\nexport const top = one;\n");
    const result = layout.checkLayout(root, {});
    expect(layout.offenderLines(result)).toEqual([
      'file import cycle: src/a/one.ts <-> src/a/two.ts',
      'file import cycle: src/c/self.ts',
      'folder import cycle: a <-> b',
      `file too long: src/c/long.ts: ${layout.MAX_LINES + 1} lines (at most ${layout.MAX_LINES})`,
    ]);
    expect(result.folders.get('top.ts')).toEqual(new Set(['a']));
    expect(
      layout.offenderLines(layout.checkLayout(root, { fileCycles: ['src/a/one.ts <-> src/a/two.ts', 'src/c/self.ts'], folderCycles: ['a <-> b'], longFiles: ['src/c/long.ts'] })),
    ).toEqual([]);
  });

  test('a file of exactly the limit passes; a folder specifier resolves to its index.ts', () => {
    write('src/a/index.ts', 'export const x = 1;\n'.repeat(layout.MAX_LINES));
    write('src/b/user.ts', "import { x } from '../a';\nexport const y = x;\n");
    const result = layout.checkLayout(root, {});
    expect(layout.offenderLines(result)).toEqual([]);
    expect(result.files.get('src/b/user.ts')).toEqual(new Set(['src/a/index.ts']));
  });
});
