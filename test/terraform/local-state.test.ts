/**
 * Point 3 of issue 8: the default local state lives outside the synthesized folder, so that
 * `meshfleet synth` (which replaces the output folder) never deletes it; per topology; at a
 * relative path that plain `terraform` in `<out>/terraform/stacks/<stack>/` and `cdktf deploy`
 * (cdktf.json `output`) resolve to the same file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TopologyInput } from '../../src/topology/model/types';
import { modify, synthStacks } from './helpers';

const BASE: TopologyInput = {
  name: 'alpha',
  project: { id: 'my-project', number: '42424242' },
  clusters: [
    { name: 'a', zone: 'europe-west1-b', masterCidr: '172.16.0.0/28' },
    { name: 'b', zone: 'europe-west4-a', masterCidr: '172.16.0.16/28' },
  ],
  mesh: { management: 'fleet' },
};

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Where a path written in a stack resolves, from the stack folder `<outTerraform>/stacks/<stack>/`. */
function resolvedFrom(outTerraform: string, stack: string, written: string): string {
  return path.posix.normalize(path.posix.join(outTerraform, 'stacks', stack, written));
}

function backendOf(json: string): { path: string; workspace_dir: string } {
  return JSON.parse(json).terraform.backend.local;
}

describe('default local state', () => {
  const stacks = synthStacks(modify(BASE, () => undefined));

  test('lives in terraform-state/<topology>/ beside the output folder, one file per stack', () => {
    expect(Object.keys(stacks)).toEqual(['network', 'clusters', 'fleet']);
    for (const [stack, json] of Object.entries(stacks)) {
      const backend = backendOf(json);
      expect(path.posix.isAbsolute(backend.path)).toBe(false);
      expect(resolvedFrom('dist/terraform', stack, backend.path)).toBe(`terraform-state/alpha/${stack}.tfstate`);
      expect(resolvedFrom('dist/terraform', stack, backend.workspace_dir)).toBe(`terraform-state/alpha/${stack}.tfstate.d`);
      // Outside the output folder: a re-synth replaces dist/ without touching it.
      expect(resolvedFrom('dist/terraform', stack, backend.path).startsWith('dist/')).toBe(false);
    }
  });

  test('cross-stack references read the producing stack’s state file', () => {
    // The clusters stack reads the NAT addresses of the network stack.
    const remote = JSON.parse(stacks.clusters).data.terraform_remote_state['cross-stack-reference-input-network'];
    expect(remote.backend).toBe('local');
    expect(remote.config.path).toBe(backendOf(stacks.network).path);
    expect(resolvedFrom('dist/terraform', 'clusters', remote.config.path)).toBe('terraform-state/alpha/network.tfstate');
  });

  test('two topologies never share a state file', () => {
    const other = synthStacks(modify(BASE, (t) => (t.name = 'beta')));
    for (const stack of Object.keys(stacks)) {
      expect(backendOf(other[stack]).path).not.toBe(backendOf(stacks[stack]).path);
      expect(resolvedFrom('dist/terraform', stack, backendOf(other[stack]).path)).toBe(`terraform-state/beta/${stack}.tfstate`);
    }
  });

  test('cdktf deploy (cdktf.json output) uses the same state file as plain terraform in dist/', () => {
    const cdktfOutput = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'cdktf.json'), 'utf8')).output as string;
    expect(cdktfOutput.split('/')[0]).not.toBe('dist');
    for (const [stack, json] of Object.entries(stacks)) {
      const written = backendOf(json).path;
      expect(resolvedFrom(cdktfOutput, stack, written)).toBe(resolvedFrom('dist/terraform', stack, written));
    }
  });
});
