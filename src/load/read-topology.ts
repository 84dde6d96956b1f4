import * as fs from 'node:fs';
import { TopologyError } from '../topology/rules/problems';
import { MAX_TOPOLOGY_BYTES, showBytes } from './limits';

/** Bytes read per call; the file is read in chunks so that a file growing while read is still capped. */
const CHUNK_BYTES = 64 * 1024;

/**
 * The bytes of the topology file `file` (through symbolic links), read safely: only a regular
 * file is read (a named pipe, a device such as `/dev/zero`, a socket or a folder is refused
 * before it is opened, and it is opened without blocking, so a file swapped for a pipe meanwhile
 * cannot hang the run either), and never more than {@link MAX_TOPOLOGY_BYTES}.
 * @throws TopologyError (path `(file)`) naming what was found and what is expected
 */
export function readTopologyBytes(file: string): Buffer {
  const refuse = (found: string, expected = 'a readable YAML or JSON file'): TopologyError =>
    new TopologyError(file, [{ path: '(file)', message: `cannot read the topology (found ${found}, expected ${expected})` }]);
  const checkStat = (stat: fs.Stats): void => {
    if (!stat.isFile()) throw refuse(kindOf(stat), 'a regular file');
    if (stat.size > MAX_TOPOLOGY_BYTES) throw refuse(`a file of ${showBytes(stat.size)}`, `at most ${showBytes(MAX_TOPOLOGY_BYTES)}`);
  };
  let fd: number;
  try {
    checkStat(fs.statSync(file));
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (error) {
    if (error instanceof TopologyError) throw error;
    throw refuse((error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message);
  }
  try {
    // What was opened may not be what was checked (the name can change in between).
    checkStat(fs.fstatSync(fd));
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(CHUNK_BYTES);
      const read = fs.readSync(fd, chunk, 0, CHUNK_BYTES, null);
      if (read === 0) break;
      total += read;
      if (total > MAX_TOPOLOGY_BYTES) throw refuse(`a file of more than ${showBytes(MAX_TOPOLOGY_BYTES)}`, `at most ${showBytes(MAX_TOPOLOGY_BYTES)}`);
      chunks.push(chunk.subarray(0, read));
    }
    return Buffer.concat(chunks, total);
  } catch (error) {
    if (error instanceof TopologyError) throw error;
    throw refuse((error as Error).message);
  } finally {
    fs.closeSync(fd);
  }
}

/** What a file that is not a regular file is, in a few words. */
function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'something that is not a regular file';
}
