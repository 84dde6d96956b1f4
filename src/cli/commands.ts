import { Command } from './command';
import { DEFAULT_OUT, DEFAULT_TOPOLOGY } from './package-info';

const topologyOption = {
  type: 'string',
  short: 't',
  valueName: 'FILE',
  description: `topology file (YAML or JSON); default: the package's ${DEFAULT_TOPOLOGY}`,
} as const;

/**
 * Every `meshfleet` command, in the order `--help` lists them. Implementations are imported
 * when the command runs. To add a command (e.g. `canary`, `ca`), add an entry here and a
 * `<name>-command.ts` module beside this file; `main` needs no change.
 */
export const COMMANDS: Readonly<Record<string, Command>> = {
  synth: {
    summary: 'synthesize Terraform and Kubernetes files into the output folder',
    options: {
      topology: topologyOption,
      out: { type: 'string', short: 'o', valueName: 'DIR', description: `output folder, replaced as a whole; default: ${DEFAULT_OUT}` },
    },
    details: [
      'Writes DIR/terraform/ (manifest.json, stacks/<stack>/cdk.tf.json) and DIR/k8s/<cluster>/.',
      'The folder is replaced in one step: files of an earlier run that are no longer produced disappear,',
      'and on any problem nothing in it changes.',
    ].join('\n'),
    run: async (values, io) => (await import('./synth-command')).runSynth(values, io),
  },
  validate: {
    summary: 'check a topology file and print a short summary; writes nothing',
    options: { topology: topologyOption },
    run: async (values, io) => (await import('./validate-command')).runValidate(values, io),
  },
  // canary: moves a canary's weight by editing the topology in place (issue to come).
  // ca: plug-in CA material for in-cluster meshes (issue to come).
};
