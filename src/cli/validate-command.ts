import { OptionValues } from './command';
import { Io } from './io';
import { loadForCommand } from './load';
import { describeTopology } from './summary';
import { EXIT_FAILURE, EXIT_OK } from './usage';

/** `meshfleet validate`: loads and checks a topology, prints a one-line summary, writes nothing. */
export function runValidate(values: OptionValues, io: Io): number {
  const loaded = loadForCommand(io, values.topology);
  if (!loaded) return EXIT_FAILURE;
  io.out(`ok: ${loaded.shownAs}: ${describeTopology(loaded.model)}`);
  return EXIT_OK;
}
