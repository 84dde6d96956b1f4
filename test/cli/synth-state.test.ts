/**
 * Issue 8, point 3: re-running `meshfleet synth` never destroys Terraform state. The default
 * local state lives outside the output folder, and what `terraform init` / `apply` / `plan`
 * create inside the output (each stack folder's `.terraform/`, `.terraform.lock.hcl`, state
 * kept there by older versions, saved plans) survives a second synth byte for byte.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadTopologyFile } from '../../src/load/load';
import { DEFAULT_EXAMPLE, leftovers, run, snapshot, TempDirs, writeFile } from './helpers';

jest.setTimeout(60_000);

const temp = new TempDirs();
afterEach(() => temp.cleanup());

/** Files as `terraform init`, `apply`, `plan -out` and workspaces place them in the stack folders. */
const APPLY_LIKE: Readonly<Record<string, Buffer>> = {
  'terraform/stacks/network/.terraform/terraform.tfstate': Buffer.from('{"version":3,"backend":{"type":"local"}}\n'),
  'terraform/stacks/network/.terraform/providers/registry.terraform.io/hashicorp/google/6.8.0/linux_amd64/terraform-provider-google_v6.8.0_x5': Buffer.from([
    0x7f, 0x45, 0x4c, 0x46, 0x00, 0xff, 0x10, 0x0a,
  ]),
  'terraform/stacks/network/.terraform.lock.hcl': Buffer.from('provider "registry.terraform.io/hashicorp/google" {\n  version = "6.8.0"\n}\n'),
  'terraform/stacks/clusters/.terraform.lock.hcl': Buffer.from('# lock\n'),
  'terraform/stacks/clusters/terraform.clusters.tfstate': Buffer.from('{"version":4,"serial":7,"lineage":"abc"}\n'),
  'terraform/stacks/clusters/terraform.clusters.tfstate.backup': Buffer.from('{"version":4,"serial":6,"lineage":"abc"}\n'),
  'terraform/stacks/clusters/terraform.tfstate.d/staging/terraform.tfstate': Buffer.from('{"version":4,"serial":1}\n'),
  'terraform/stacks/fleet/fleet.tfplan': Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x01]),
};

function place(out: string, files: Readonly<Record<string, Buffer>>): void {
  for (const [relative, bytes] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(out, relative)), { recursive: true });
    fs.writeFileSync(path.join(out, relative), bytes);
  }
}

describe('meshfleet synth keeps Terraform state', () => {
  test('files placed as terraform init/apply/plan place them survive a second synth, byte for byte', async () => {
    const out = path.join(temp.make(), 'out');
    const fresh = path.join(temp.make(), 'out');
    expect((await run('synth', '--out', out)).status).toBe(0);
    place(out, APPLY_LIKE);
    fs.writeFileSync(path.join(out, 'README.md'), 'edited by hand\n');

    const second = await run('synth', '--out', out);
    expect(second.stderr).toEqual([]);
    expect(second.status).toBe(0);

    for (const [relative, bytes] of Object.entries(APPLY_LIKE)) {
      expect({ relative, bytes: fs.readFileSync(path.join(out, relative)) }).toEqual({ relative, bytes });
    }
    // Everything else is exactly a fresh synthesis (the hand edit is gone).
    expect((await run('synth', '--out', fresh)).status).toBe(0);
    const kept = (line: string): boolean => /\/(\.terraform|\.terraform\.lock\.hcl|terraform\.tfstate\.d|[^/]+\.(tfstate|tfstate\.backup|tfplan))(\/|\s|$)/.test(line);
    expect(snapshot(out).filter((line) => !kept(line))).toEqual(snapshot(fresh));
    expect(leftovers(path.dirname(out))).toEqual([]);

    expect(second.stdout).toContain("kept Terraform's working files of the previous output:");
    expect(second.stdout).toContain('  terraform/stacks/network/  .terraform, .terraform.lock.hcl');
    expect(second.stdout).toContain('  terraform/stacks/clusters/  .terraform.lock.hcl, terraform.clusters.tfstate, terraform.clusters.tfstate.backup, terraform.tfstate.d');
    // The count is of the files synthesized, not of the files kept.
    const synthesized = snapshot(fresh).filter((line) => !line.endsWith('/')).length;
    expect(second.stdout.find((line) => line.startsWith('synthesized '))).toMatch(new RegExp(`\\(${synthesized} files\\)$`));
  });

  test('keeps the files of a stack the topology no longer has, and only those', async () => {
    const out = path.join(temp.make(), 'out');
    expect((await run('synth', '--out', out)).status).toBe(0);
    writeFile(out, 'terraform/stacks/retired/cdk.tf.json', '{}');
    writeFile(out, 'terraform/stacks/retired/.terraform.lock.hcl', '# retired lock\n');
    writeFile(out, 'terraform/stacks/retired/terraform.retired.tfstate', '{"serial":3}\n');
    writeFile(out, 'terraform/stacks/network/override.tf.json', '{}');
    writeFile(out, 'k8s/.terraform.lock.hcl', 'not in a stack folder\n');

    expect((await run('synth', '--out', out)).status).toBe(0);
    expect(fs.readdirSync(path.join(out, 'terraform/stacks/retired')).sort()).toEqual(['.terraform.lock.hcl', 'terraform.retired.tfstate']);
    expect(fs.readFileSync(path.join(out, 'terraform/stacks/retired/terraform.retired.tfstate'), 'utf8')).toBe('{"serial":3}\n');
    expect(fs.existsSync(path.join(out, 'terraform/stacks/network/override.tf.json'))).toBe(false);
    expect(fs.existsSync(path.join(out, 'k8s/.terraform.lock.hcl'))).toBe(false);
  });

  test('the default local state is addressed beside the output folder, outside it, per topology', async () => {
    const parent = temp.make();
    const out = path.join(parent, 'dist');
    expect((await run('synth', '--out', out)).status).toBe(0);
    const topology = loadTopologyFile(DEFAULT_EXAMPLE).name;
    for (const stack of fs.readdirSync(path.join(out, 'terraform/stacks'))) {
      const stackDir = path.join(out, 'terraform/stacks', stack);
      const backend = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')).terraform.backend.local;
      expect(path.isAbsolute(backend.path)).toBe(false);
      expect(path.resolve(stackDir, backend.path)).toBe(path.join(parent, 'terraform-state', topology, `${stack}.tfstate`));
    }
    // What terraform apply writes there is never touched by a synth.
    const state = writeFile(parent, `terraform-state/${topology}/network.tfstate`, '{"serial":1}\n');
    expect((await run('synth', '--out', out)).status).toBe(0);
    expect(fs.readFileSync(state, 'utf8')).toBe('{"serial":1}\n');
  });
});
