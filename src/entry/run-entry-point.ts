import { TopologyError } from '../topology/rules/problems';

/** The folder of the package's example topologies (`<name>.yaml`), relative to the package root. */
export const EXAMPLES_FOLDER = 'examples';

/** The topology that the app entry points and the CLI read when none is given, relative to the package root. */
export const DEFAULT_TOPOLOGY = `${EXAMPLES_FOLDER}/private-asm-multicluster.yaml`;

/**
 * The environment variable naming the topology file: read by the cdk8s and cdktf apps and by
 * the CLI (after `FILE` and `./meshfleet.yaml`), and exported by the runbook when it does not
 * know the file's path.
 */
export const TOPOLOGY_VARIABLE = 'MESHFLEET_TOPOLOGY';

/**
 * Runs the body of an app that an official CLI starts (`cdk8s synth` runs src/k8s/main.ts,
 * `cdktf synth` src/terraform/main.ts) and sets the exit status: 0, or 1 on any error, with
 * no stack trace in the log of a CI run. A bad topology prints its file and one line per problem
 * with its field path (`clusters[1].masterCidr: ...`); any other error one line,
 * `meshfleet: <message>`. `MESHFLEET_DEBUG=1` adds the stack trace, as for the meshfleet CLI.
 */
export function runEntryPoint(body: () => void): void {
  try {
    body();
    process.exitCode = 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(error instanceof TopologyError ? `${message}\n` : `meshfleet: ${message.split('\n')[0]}\n`);
    if (process.env.MESHFLEET_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 1;
  }
}
