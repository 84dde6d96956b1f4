import type { FleetPlan } from '../plan/types';
import { OptionValues } from './command';
import { Io } from './io';
import { printJson } from './json-output';
import { tryLoadForCommand } from './load';
import { reportTopologyError } from './problems';
import { EXIT_FAILURE, EXIT_OK } from './usage';

/**
 * `meshfleet plan`: loads a topology and prints its fleet plan (see src/plan/types.ts): with
 * `--format json` the `FleetPlan` itself, else a table per cluster. Writes no file. Exit 1 on
 * topology problems, printed as every command prints them (`--format json`: `{"ok": false,
 * "problems"}` on standard output).
 */
export async function runPlan(values: OptionValues, io: Io): Promise<number> {
  const json = values.format === 'json';
  const outcome = tryLoadForCommand(values);
  if ('error' in outcome) {
    if (json) printJson(io, { ok: false, topologyFile: outcome.file, problems: outcome.error.problems });
    else reportTopologyError(io, outcome.file, outcome.error);
    return EXIT_FAILURE;
  }
  const { buildPlan } = await import('../plan/build-plan');
  const plan = buildPlan(outcome.loaded.model);
  if (json) printJson(io, plan);
  else for (const line of planTable(plan)) io.out(line);
  return EXIT_OK;
}

/** Columns of a table, left-aligned and padded to their widest cell; no trailing spaces. */
function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [header, ...rows].map((cells) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd(),
  );
}

/**
 * The plan for people: per cluster a heading (`<folder>/`, the count of files and objects) and a
 * table of its objects (file, kind, namespace/name, source); `istioctl` inputs are marked
 * `(istioctl)`; then the objects the escape hatch patches, with the patch. Then the Terraform stacks and the mesh install steps, when there are any.
 */
export function planTable(plan: FleetPlan): string[] {
  const lines: string[] = [`plan of ${plan.name}`];
  for (const cluster of plan.clusters) {
    const objects = cluster.files.flatMap((f) => f.objects.map((o) => ({ file: f, o })));
    lines.push('', `${cluster.folder}/: ${cluster.files.length} files, ${objects.length} objects`);
    if (objects.length === 0) continue;
    const rows = objects.map(({ file, o }) => [`${file.path}${file.kustomized ? '' : ' (istioctl)'}`, o.kind, `${o.namespace ?? '-'}/${o.name}`, o.source]);
    lines.push(...table(['FILE', 'KIND', 'NAMESPACE/NAME', 'SOURCE'], rows).map((l) => `  ${l}`));
    const patches = cluster.patches ?? [];
    if (patches.length > 0) {
      lines.push(`  patched (escape hatch), in order:`);
      const patchRows = patches.map((p) => [p.file, p.target.kind, `${p.target.namespace ?? '-'}/${p.target.name}`, p.source]);
      lines.push(...table(['FILE', 'KIND', 'NAMESPACE/NAME', 'PATCH'], patchRows).map((l) => `    ${l}`));
    }
  }
  if (plan.terraform.stacks.length > 0) {
    lines.push('', `terraform: ${plan.terraform.stacks.length} stacks`);
    for (const stack of plan.terraform.stacks) {
      const after = stack.dependsOn.length === 0 ? '' : ` (after ${stack.dependsOn.join(', ')})`;
      lines.push(`  ${stack.name}${after}`);
      if (stack.resources.length === 0) continue;
      lines.push(
        ...table(
          ['TYPE', 'PATH', 'SOURCE'],
          stack.resources.map((r) => [r.type, r.path.join('/'), r.source]),
        ).map((l) => `    ${l}`),
      );
    }
  }
  if (plan.meshInstall.clusters.length > 0) {
    lines.push('', 'mesh install (istioctl), in order:');
    for (const c of plan.meshInstall.clusters) {
      const eastWest = c.eastWestGateway === undefined ? '' : `, then ${c.eastWestGateway.file}`;
      const secrets = c.remoteSecretsFrom.length === 0 ? '' : `; remote secrets of ${c.remoteSecretsFrom.join(', ')}`;
      lines.push(`  ${c.cluster} (${c.controlPlane}, network ${c.network}): ${c.controlPlaneFile}${eastWest}${secrets}`);
    }
  }
  return lines;
}
