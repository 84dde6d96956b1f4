import * as fs from 'node:fs';
import * as path from 'node:path';
import { MARKER_FILE, OUTPUT_ENTRIES, TERRAFORM_MANIFEST_FILE } from './paths';

/** `generator` field of the marker. */
export const MARKER_GENERATOR = 'meshfleet';

/**
 * Version of the output layout the marker announces. A meshfleet that writes version N replaces
 * outputs of versions 1 to N and refuses newer ones, whose layout it does not know.
 */
export const MARKER_FORMAT_VERSION = 1;

/** The marker of an output of `topologyName`: deterministic (no time, no path). */
export function markerText(topologyName: string): string {
  const marker = {
    generator: MARKER_GENERATOR,
    formatVersion: MARKER_FORMAT_VERSION,
    topology: topologyName,
    note:
      `Written by 'meshfleet synth', which replaces ${OUTPUT_ENTRIES.join(', ')} here as a whole, keeping Terraform's ` +
      'working files of terraform/stacks/<stack>/ (.terraform/, .terraform.lock.hcl, state and plan files); ' +
      'it keeps anything else in this folder (.git, your own files) as it is.',
  };
  return `${JSON.stringify(marker, null, 2)}\n`;
}

/**
 * Why the marker of `dir` does not prove that `dir` is a meshfleet output (phrased to follow
 * "it ..."), or `undefined` when it does: a regular file holding a JSON object whose
 * `generator` is "meshfleet" and whose `formatVersion` is an integer this version knows.
 */
export function markerProblem(dir: string): string | undefined {
  const file = path.join(dir, MARKER_FILE);
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch {
    return `has no meshfleet marker (found no ${MARKER_FILE})`;
  }
  const expected = `expected {"generator": "${MARKER_GENERATOR}", "formatVersion": ${MARKER_FORMAT_VERSION}, ...}`;
  if (!stat.isFile()) return `has a ${MARKER_FILE} that is not a regular file (${expected})`;
  let marker: unknown;
  try {
    marker = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return `has a ${MARKER_FILE} that is not meshfleet's marker (found no JSON, ${expected})`;
  }
  if (typeof marker !== 'object' || marker === null || Array.isArray(marker)) {
    return `has a ${MARKER_FILE} that is not meshfleet's marker (found ${JSON.stringify(marker)}, ${expected})`;
  }
  const { generator, formatVersion } = marker as Record<string, unknown>;
  if (generator !== MARKER_GENERATOR) {
    return `has a ${MARKER_FILE} that is not meshfleet's marker (found generator ${JSON.stringify(generator) ?? 'missing'}, expected "${MARKER_GENERATOR}")`;
  }
  if (typeof formatVersion !== 'number' || !Number.isInteger(formatVersion) || formatVersion < 1) {
    return `has a ${MARKER_FILE} with no valid format version (found formatVersion ${JSON.stringify(formatVersion) ?? 'missing'}, expected an integer from 1 to ${MARKER_FORMAT_VERSION})`;
  }
  if (formatVersion > MARKER_FORMAT_VERSION) {
    return `was written by a newer meshfleet (found formatVersion ${formatVersion}, expected ${MARKER_FORMAT_VERSION} or lower): run that version`;
  }
  return undefined;
}

/**
 * The file that shows `dir` is (or was meant to be) a meshfleet output, relative to `dir`: the
 * marker, or for outputs written before it existed the cdktf manifest; `undefined` when none
 * is there. Presence only: for checks that must stay away from any output (the `ca` command).
 */
export function outputEvidence(dir: string): string | undefined {
  return [MARKER_FILE, TERRAFORM_MANIFEST_FILE].find((file) => fs.existsSync(path.join(dir, file)));
}

/** Whether `dir` looks like an output written before the marker existed (it has the cdktf manifest). */
export function isLegacyOutput(dir: string): boolean {
  return fs.existsSync(path.join(dir, TERRAFORM_MANIFEST_FILE));
}
