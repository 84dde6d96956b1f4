import * as fs from 'node:fs';
import { VersionWeight } from '../topology/traffic-split';
import { parseTo, ShiftEdit, shiftTraffic } from '../topology/shift-edit';
import { replaceFileAtomically, reportEditError } from './canary-command';
import { OptionValues } from './command';
import { Io } from './io';
import { loadForCommand } from './load';
import { EXIT_FAILURE, EXIT_OK } from './usage';

/**
 * `meshfleet shift`: sets the traffic weights of a workload's versions (`--to v3=50,v1=50`;
 * versions not named get 0) by editing the topology file in place, the same safe way as
 * `meshfleet canary`: only the weights' digits change, the file is replaced atomically and keeps
 * its mode, and it is not touched on any problem or when the weights are already those asked.
 */
export function runShift(values: OptionValues, io: Io): number {
  // `main` checked that the required options are non-empty strings.
  const file = String(values.topology);
  const service = String(values.service);
  const namespace = typeof values.namespace === 'string' ? values.namespace : undefined;

  let to: VersionWeight[];
  try {
    to = parseTo(String(values.to));
  } catch (error) {
    return reportEditError(io, file, error);
  }
  const loaded = loadForCommand(io, file);
  if (!loaded) return EXIT_FAILURE;

  const raw = fs.readFileSync(file);
  const text = raw.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(raw)) {
    io.err(`meshfleet: refusing to edit ${file}: it is not valid UTF-8 text, so rewriting it would change other bytes than the weights`);
    return EXIT_FAILURE;
  }
  let edit: ShiftEdit;
  try {
    edit = shiftTraffic(text, service, to, namespace, file);
  } catch (error) {
    return reportEditError(io, file, error);
  }
  if (edit.changed) replaceFileAtomically(file, edit.text, text);
  io.out(describeShift(edit, loaded.shownAs));
  return EXIT_OK;
}

/** One line, e.g. `shift reviews: v1 50%, v2 0%, v3 50% → v1 50%, v2 0%, v3 50% in FILE; run 'meshfleet synth' to apply`. */
export function describeShift(edit: ShiftEdit, shownAs: string): string {
  const split = (versions: readonly VersionWeight[]) => versions.map((v) => `${v.version} ${v.weight}%`).join(', ');
  if (!edit.changed) return `shift ${edit.service}: already at ${split(edit.to)} in ${shownAs}; nothing to change`;
  return `shift ${edit.service}: ${split(edit.from)} → ${split(edit.to)} in ${shownAs}; run 'meshfleet synth' to apply`;
}
