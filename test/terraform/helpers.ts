import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadTopologyFile, validateTopology } from '../../src/load/load';
import { ResolvedTopology, TopologyInput } from '../../src/topology/model/types';
import { STACK_ORDER } from '../../src/plan/terraform-plan';
import { synthTerraform } from '../../src/terraform/synth';

export const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

export function example(name: string): ResolvedTopology {
  return loadTopologyFile(path.join(EXAMPLES, `${name}.yaml`));
}

/** A parsed Terraform JSON document of one stack. */
export interface StackJson {
  readonly resource: Record<string, Record<string, Record<string, any>>>;
  readonly data?: Record<string, Record<string, Record<string, any>>>;
  readonly terraform: Record<string, any>;
  readonly provider: Record<string, any>;
  readonly output?: Record<string, any>;
}

/**
 * Synthesizes every stack of a topology through the real entry point (cdktf validations on,
 * cross-stack references resolved) and returns each stack's `cdk.tf.json` text by stack name,
 * in the manifest's order.
 */
export function synthStacks(model: ResolvedTopology): Record<string, string> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshfleet-tf-'));
  try {
    synthTerraform(model, outdir);
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    const result: Record<string, string> = {};
    for (const name of STACK_ORDER.filter((n) => n in manifest.stacks)) {
      result[name] = fs.readFileSync(path.join(outdir, manifest.stacks[name].synthesizedStackPath), 'utf8');
    }
    return result;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** All resources of one type in a stack, by their `name` attribute (or logical ID). */
export function resourcesOf(json: string, type: string): Record<string, any>[] {
  const parsed = JSON.parse(json) as StackJson;
  return Object.values(parsed.resource?.[type] ?? {});
}

export function resourceNamed(json: string, type: string, name: string): Record<string, any> {
  const found = resourcesOf(json, type).filter((r) => r.name === name);
  if (found.length !== 1) throw new Error(`expected one ${type} named ${name}, found ${found.length}`);
  return found[0];
}

export function modify(base: TopologyInput, change: (copy: any) => void): ResolvedTopology {
  const copy = JSON.parse(JSON.stringify(base));
  change(copy);
  return validateTopology(copy);
}

/** The Terraform expression `${type.<logical id>.attribute}` of the resource with that name. */
export function refTo(json: string, type: string, name: string, attribute: string): string {
  const parsed = JSON.parse(json) as StackJson;
  const entry = Object.entries(parsed.resource?.[type] ?? {}).find(([, r]) => r.name === name);
  if (!entry) throw new Error(`no ${type} named ${name}`);
  return `\${${type}.${entry[0]}.${attribute}}`;
}
