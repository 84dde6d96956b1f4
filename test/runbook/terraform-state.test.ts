/**
 * Issue 8, point 3, in the runbook: the Terraform section says where each stack's state lives
 * (outside the output folder for the local backend) and what a later synth keeps.
 */
import * as path from 'node:path';
import { renderRunbook } from '../../src/runbook/runbook';
import { loadTopologyFile, validateTopology } from '../../src/load/load';

const model = loadTopologyFile(path.join(__dirname, '..', '..', 'examples', 'private-asm-multicluster.yaml'));

function terraformSection(text: string): string {
  const start = text.indexOf('. Infrastructure (Terraform)\n');
  expect(start).toBeGreaterThan(-1);
  const end = text.indexOf('\n## ', start);
  return text.slice(start, end === -1 ? undefined : end);
}

test('the local backend: state beside the output folder, per topology; synth keeps the working files', () => {
  const text = terraformSection(renderRunbook({ model, stacks: ['network', 'clusters', 'fleet'], clusters: [] }));
  expect(text).toContain("Terraform keeps each stack's state in `../terraform-state/private-asm-multicluster/<stack>.tfstate`: beside this folder, not in it.");
  expect(text).toContain("`meshfleet synth` replaces this folder but keeps each stack folder's `.terraform/`, `.terraform.lock.hcl`");
  expect(text).toContain('it uses the same state files when this folder lies directly in the project, as `dist/` does');
});

test('the gcs backend: state in the bucket under each stack prefix', () => {
  const gcs = validateTopology({
    name: 'team',
    project: { id: 'my-project', number: '42424242' },
    clusters: [{ name: 'a', zone: 'europe-west1-b', masterCidr: '172.16.0.0/28' }],
    terraform: { backend: { type: 'gcs', bucket: 'tf-bucket' } },
  });
  const text = terraformSection(renderRunbook({ model: gcs, stacks: ['network', 'clusters'], clusters: [] }));
  expect(text).toContain("Terraform keeps each stack's state in the bucket, under `gs://tf-bucket/meshfleet/<stack>/`.");
  expect(text).not.toContain('terraform-state');
});
