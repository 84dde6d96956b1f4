import { OptionValues } from './command';
import { Io } from './io';
import { printJson } from './json-output';
import { packageInfo } from './package-info';
import { EXIT_OK } from './usage';

/** `meshfleet version`: meshfleet's version and the Node.js running it (`--format json`: `{meshfleet, node, platform}`). */
export async function runVersion(values: OptionValues, io: Io): Promise<number> {
  const info = { meshfleet: packageInfo().version, node: process.version, platform: `${process.platform}-${process.arch}` };
  if (values.format === 'json') printJson(io, info);
  else io.out(`meshfleet ${info.meshfleet} (node ${info.node}, ${info.platform})`);
  return EXIT_OK;
}
