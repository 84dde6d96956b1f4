/**
 * Issue 11, point 4: `npm run cdk8s:synth` (scripts/cdk8s-synth.js) runs the real cdk8s CLI and
 * a failing app ends with the app's own lines and exit status 1, without cdk8s-cli's stack trace.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, TempDirs } from '../cli/helpers';

jest.setTimeout(300_000);

const temp = new TempDirs();
afterAll(() => temp.cleanup());

test('a bad topology: the problems, exit 1, no stack trace', () => {
  const out = path.join(temp.make(), 'k8s');
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'cdk8s-synth.js'), '--output', out], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, MESHFLEET_TOPOLOGY: 'no-such-topology.yaml', MESHFLEET_DEBUG: '' },
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('no-such-topology.yaml: 1 problem\n(file): cannot read the topology (found no such file');
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr).not.toContain('returned a non-zero exit code');
  expect(fs.existsSync(out)).toBe(false);
});
