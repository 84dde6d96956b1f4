/**
 * The escape hatch on the command line: `meshfleet plan` lists the patched objects with their
 * patch, and `meshfleet validate` reports a JSON patch operation that does not apply with its
 * field path (not as a failed synthesis).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, run, TempDirs } from './helpers';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'escape-hatch.yaml');
const dirs = new TempDirs();
afterAll(() => dirs.cleanup());

test('meshfleet plan lists the patched objects of each cluster with their patch', async () => {
  const { status, stdout } = await run('plan', '--topology', EXAMPLE);
  expect(status).toBe(0);
  const at = stdout.indexOf('  patched (escape hatch), in order:');
  expect(at).toBeGreaterThan(0);
  expect(stdout.slice(at + 1, at + 5).map((l) => l.replace(/ +/g, ' ').trim())).toEqual([
    'FILE KIND NAMESPACE/NAME PATCH',
    'sample.yaml Deployment sample/helloworld apps[0].patches[0]',
    'sample.yaml Service sample/helloworld apps[0].patches[1]',
    'mesh-install/control-plane.yaml IstioOperator -/control-plane clusters[0].patches[0]',
  ]);
});

test('meshfleet validate reports a JSON patch operation that does not apply with its path', async () => {
  const text = fs.readFileSync(EXAMPLE, 'utf8').replace('path: /metadata/annotations\n', 'path: /metadata/annotations/x\n');
  const file = path.join(dirs.make(), 'bad.yaml');
  fs.writeFileSync(file, text);
  const { status, stderr } = await run('validate', '--topology', file);
  expect(status).toBe(1);
  expect(stderr.join('\n')).toContain(
    'apps[0].patches[1].jsonPatch[0]: cannot apply to Service sample/helloworld in cluster cluster1: path /metadata/annotations/x: /metadata/annotations does not exist',
  );
});
