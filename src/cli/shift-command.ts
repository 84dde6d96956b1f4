import { VersionWeight } from '../topology/resolve/traffic-split';
import { parseTo, ShiftEdit, shiftTraffic } from '../edit/shift-edit';
import { editTopologyInPlace } from './canary-command';
import { OptionValues } from './command';
import { Io } from './io';

/**
 * `meshfleet shift`: sets the traffic weights of a workload's versions (`--to v3=50,v1=50`;
 * versions not named get 0) by editing the topology file in place, the same safe way as
 * `meshfleet canary`: only the weights' digits change, the file is replaced atomically and keeps
 * its mode, and it is not touched on any problem or when the weights are already those asked.
 */
export function runShift(values: OptionValues, io: Io): number {
  return editTopologyInPlace(values, io, {
    command: 'shift',
    parse: (v) => parseTo(String(v.to)),
    edit: shiftTraffic,
    describe: describeShift,
    what: 'the weights',
  });
}

/** One line, e.g. `shift reviews: v1 50%, v2 0%, v3 50% → v1 50%, v2 0%, v3 50% in FILE; run 'meshfleet synth' to apply`. */
export function describeShift(edit: ShiftEdit, shownAs: string): string {
  const split = (versions: readonly VersionWeight[]) => versions.map((v) => `${v.version} ${v.weight}%`).join(', ');
  if (!edit.changed) return `shift ${edit.service}: already at ${split(edit.to)} in ${shownAs}; nothing to change`;
  return `shift ${edit.service}: ${split(edit.from)} → ${split(edit.to)} in ${shownAs}; run 'meshfleet synth' to apply`;
}
