import { TopologyError } from '../topology';
import { paint } from './colour';
import { Io } from './io';

/**
 * Prints a topology's problems to standard error: a first line naming the file and the count,
 * then one `path: message` line per problem, in the order the loader found them.
 */
export function reportTopologyError(io: Io, file: string, error: TopologyError): void {
  const count = error.problems.length;
  io.err(paint(io, 'err', `${file}: ${count} problem${count === 1 ? '' : 's'}`, 'error'));
  for (const problem of error.problems) io.err(`${paint(io, 'err', problem.path, 'strong')}: ${problem.message}`);
}
