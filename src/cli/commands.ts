import { Command } from './command';
import { DEFAULT_OUT } from '../output/paths';
import { DEFAULT_TOPOLOGY, TOPOLOGY_VARIABLE } from '../entry/run-entry-point';
import { TOPOLOGY_FILE_NAMES } from './topology-location';
import { COMPLETION_SHELLS, CompletionShell } from './completion-shells';
import { EXIT_OK } from './usage';

const topologyOption = {
  type: 'string',
  short: 't',
  valueName: 'FILE',
  positional: true,
  description: `topology file (YAML or JSON), also as the argument FILE; default: ${TOPOLOGY_FILE_NAMES.join(' / ')} here, else $${TOPOLOGY_VARIABLE}, else the package's demo ${DEFAULT_TOPOLOGY}`,
} as const;

/** `--topology` of the commands that edit the file in place: never the package's demo. */
const editedTopologyOption = {
  ...topologyOption,
  description: `topology file (YAML or JSON) to edit in place, also as the argument FILE; default: ${TOPOLOGY_FILE_NAMES.join(' / ')} here, else $${TOPOLOGY_VARIABLE}`,
} as const;

/**
 * `--format text|json`, shared by the commands that can print for machines: `json` prints one
 * JSON document on standard output and nothing on standard error (usage errors aside).
 */
export const formatOption = {
  type: 'string',
  valueName: 'text|json',
  choices: ['text', 'json'],
  description: 'text for people (default), or json: one JSON document on stdout, nothing on stderr',
} as const;

const outOption = { type: 'string', short: 'o', valueName: 'DIR', description: `output folder, replaced as a whole; default: ${DEFAULT_OUT}` } as const;

/**
 * Every `meshfleet` command, in the order `--help` lists them. Implementations are imported
 * when the command runs. To add a command, add an entry here and a `<name>-command.ts` module
 * beside this file; `main` needs no change.
 */
export const COMMANDS: Readonly<Record<string, Command>> = {
  synth: {
    summary: 'synthesize Terraform and Kubernetes files into the output folder',
    options: {
      topology: topologyOption,
      out: outOption,
      check: { type: 'boolean', description: 'write nothing; exit 1 if DIR differs from what synth would write (for CI), listing the files' },
      format: formatOption,
      watch: { type: 'boolean', short: 'w', description: 'synthesize again on every save of the topology file, until Ctrl-C; problems are printed, the output kept' },
    },
    details: [
      'Writes DIR/terraform/ (manifest.json, stacks/<stack>/cdk.tf.json), DIR/k8s/<cluster>/, the runbook',
      'DIR/README.md, its topology picture DIR/diagram.svg and the marker DIR/.meshfleet-output.json.',
      'The folder is replaced in one step: files of an earlier run that are no longer produced disappear,',
      "except Terraform's working files in",
      'DIR/terraform/stacks/<stack>/ (.terraform/, .terraform.lock.hcl, *.tfstate, *.tfstate.backup,',
      'terraform.tfstate.d/, *.tfplan), which are kept. A non-empty DIR is replaced only if it carries the',
      'marker, and on any problem nothing in it changes. The default local Terraform state is not in DIR',
      'but in terraform-state/<topology name>/ beside it.',
      '',
      '--watch synthesizes again each time the topology file is saved, in the same process (fast), until',
      'Ctrl-C; a file with problems gets them printed and leaves the output as it was.',
      '',
      '--check compares byte for byte and ignores those Terraform working files; a missing DIR counts as',
      'every file added. --format json prints {"ok": true, "topology", "topologyFile", "out", "files":',
      '[{"path", "bytes", "sha256"}], "kept", "recovered"}, with --check {"ok", ..., "differences": [{"path",',
      '"change": "changed"|"added"|"removed"}]}, and on problems {"ok": false, "problems": [{"path", "message"}]}.',
    ].join('\n'),
    run: async (values, io) => {
      // Graphviz (WebAssembly, for diagram.svg) compiles in the background while the synth loads.
      (await import('../diagram/render-svg')).preloadRenderer();
      if (values.watch === true) return (await import('./synth-watch')).runSynthWatch(values, io);
      return (await import('./synth-command')).runSynth(values, io);
    },
  },
  diff: {
    summary: "show what 'meshfleet synth' would change in the output folder, as a unified diff; writes nothing",
    options: {
      topology: topologyOption,
      out: { ...outOption, description: `output folder to compare with; default: ${DEFAULT_OUT}` },
    },
    details: [
      'Prints a unified diff per file whose content would change (a/ is DIR, b/ what synth would write),',
      "'added: PATH' and 'removed: PATH' for files that would appear or disappear, and a count. Terraform's",
      'working files are ignored, as synth keeps them. A missing DIR shows every file as added.',
      'Exits 1 when anything differs, as kubectl diff and git diff --exit-code do (and on topology problems),',
      '0 when the folder is what synth writes.',
    ].join('\n'),
    run: async (values, io) => {
      (await import('../diagram/render-svg')).preloadRenderer();
      return (await import('./diff-command')).runDiff(values, io);
    },
  },
  validate: {
    summary: 'check a topology file and statically analyze what it synthesizes; writes nothing',
    options: {
      topology: topologyOption,
      format: formatOption,
      'skip-analysis': { type: 'boolean', description: 'check the topology only: no in-memory synthesis, no analysis (faster)' },
    },
    details: [
      'After the topology checks, synthesizes everything in memory (nothing is written) and analyzes the',
      'objects of every cluster and the Terraform stacks, needing no cluster: the offline istioctl analyze',
      'checks (IST0101, IST0109, IST0112, IST0118, IST0123, IST0132, IST0170), Gateway API references',
      '(GW001-GW004) and Kubernetes/Terraform agreement (XL001-XL004); see the README.',
      'Text output: one line per finding, `<severity> <code> <cluster> <object> <path>: <message>`, then',
      '`ok: FILE: <summary>`. JSON output: {ok, topology (its name), topologyFile, problems: [{path, message}], findings: [{code,',
      'severity, cluster, object, path, message}]}. Exit 1 on topology problems or error findings; warnings',
      'and infos alone exit 0.',
    ].join('\n'),
    run: async (values, io) => (await import('./validate-command')).runValidate(values, io),
  },
  plan: {
    summary: 'print the fleet plan: per cluster the files and objects synth writes, and why; writes nothing',
    options: {
      topology: topologyOption,
      format: formatOption,
    },
    details: [
      'Text output: per cluster folder (k8s/<cluster>/) a table of its objects: FILE (istioctl inputs marked),',
      'KIND, NAMESPACE/NAME and SOURCE, the topology field that caused the object; then the Terraform stacks',
      'with their planned resources and the in-cluster mesh install steps. --format json prints the plan',
      'itself, the same bytes on every run: {name, clusters: [{name, folder, files: [{path, kustomized,',
      'components, objects: [{kind, apiVersion, namespace?, name, source}]}]}], terraform: {stacks: [{name,',
      'dependsOn, resources: [{type, path, source}]}]}, meshInstall: {clusters: [...]}}; see the README.',
      'On topology problems: exit 1 with the problems (json: {"ok": false, "problems": [{path, message}]}).',
    ].join('\n'),
    run: async (values, io) => (await import('./plan-command')).runPlan(values, io),
  },
  canary: {
    summary: "move a workload's canary to a share of the traffic by editing the topology file in place",
    options: {
      topology: editedTopologyOption,
      service: { type: 'string', short: 's', valueName: 'NAME', required: true, description: 'workload whose canary moves' },
      weight: { type: 'string', short: 'w', valueName: 'N', required: true, description: 'percent of the traffic for the canary, an integer from 0 to 100' },
      namespace: { type: 'string', short: 'n', valueName: 'NS', description: 'namespace of the app, when apps of several namespaces have a workload NAME' },
    },
    details: [
      '0 rolls back (only the stable version receives traffic), 100 promotes (only the canary does),',
      'anything between splits the traffic. Only the number changes: comments and formatting stay.',
      "The file must be a valid topology; it is not touched on any problem. Run 'meshfleet synth' to apply.",
    ].join('\n'),
    editsTopology: true,
    run: async (values, io) => (await import('./canary-command')).runCanary(values, io),
  },
  shift: {
    summary: "set the traffic weights of a workload's versions by editing the topology file in place",
    options: {
      topology: editedTopologyOption,
      service: { type: 'string', short: 's', valueName: 'NAME', required: true, description: 'workload whose traffic shifts' },
      to: { type: 'string', valueName: 'V=N,...', required: true, description: 'weights per version, e.g. v3=50,v1=50; versions not named get 0; sum 100' },
      namespace: { type: 'string', short: 'n', valueName: 'NS', description: 'namespace of the app, when apps of several namespaces have a workload NAME' },
    },
    details: [
      "Works on a workload's versions list and on the canary shorthand (its canary.weight).",
      'Only the numbers change: comments and formatting stay. The file must be a valid topology before and',
      "after; it is not touched on any problem. Run 'meshfleet synth' to apply.",
    ].join('\n'),
    editsTopology: true,
    run: async (values, io) => (await import('./shift-command')).runShift(values, io),
  },
  ca: {
    summary: 'create the plug-in CA files of an in-cluster mesh: one root CA, an intermediate CA per cluster',
    options: {
      topology: topologyOption,
      out: { type: 'string', short: 'o', valueName: 'DIR', required: true, description: 'folder for the CA files, created or completed; must lie outside any synth output' },
    },
    details: [
      "As Istio's tools/certs/Makefile.selfsigned.mk: DIR/root-cert.pem and DIR/root-key.pem, and for every",
      'in-cluster mesh member DIR/<cluster>/ with ca-cert.pem, ca-key.pem, cert-chain.pem, root-cert.pem and a',
      'kustomization.yaml that makes them the cacerts Secret of istio-system. Before installing Istio, run',
      "'kubectl --context=<context of cluster> apply --server-side -k DIR/<cluster>' once the istio-system namespace exists",
      '(server-side apply keeps the key out of the last-applied-configuration annotation).',
      'Running it again reuses the root and keeps complete cluster folders: that is how clusters join later.',
      'No file is ever replaced. Keys are mode 0600; keep root-key.pem offline.',
    ].join('\n'),
    run: async (values, io) => (await import('./ca-command')).runCa(values, io),
  },
  init: {
    summary: 'write a starter topology file (meshfleet.yaml) to edit, from one of the examples',
    options: {
      file: { type: 'string', valueName: 'FILE', positional: true, description: `file to create; default: ${TOPOLOGY_FILE_NAMES[0]}, which the other commands find by themselves` },
      example: {
        type: 'string',
        short: 'e',
        valueName: 'NAME',
        description: "example to start from (the package's examples/NAME.yaml); default: starter, one cluster and one app",
      },
    },
    details: [
      "The file's first line points editors at the package's topology.schema.json, relative to the file, so",
      'they check and complete every field. init never replaces a file: it exits 1 when FILE exists.',
    ].join('\n'),
    run: async (values, io) => (await import('./init-command')).runInit(values, io),
  },
  version: {
    summary: 'print the version of meshfleet and of the Node.js running it',
    options: { format: formatOption },
    run: async (values, io) => (await import('./version-command')).runVersion(values, io),
  },
  completion: {
    summary: 'print the shell completion script for bash, zsh or fish',
    options: {
      shell: { type: 'string', valueName: 'SHELL', positional: true, required: true, choices: COMPLETION_SHELLS, description: 'bash, zsh or fish' },
    },
    details: [
      'bash: source <(meshfleet completion bash)       (or add that line to ~/.bashrc)',
      'zsh:  source <(meshfleet completion zsh)        (or add that line to ~/.zshrc, after compinit)',
      'fish: meshfleet completion fish | source         (or save it as ~/.config/fish/completions/meshfleet.fish)',
    ].join('\n'),
    run: async (values, io) => {
      const { completionScript } = await import('./completion');
      io.out(completionScript(values.shell as CompletionShell, COMMANDS).trimEnd());
      return EXIT_OK;
    },
  },
  schema: {
    summary: 'print the JSON Schema of the topology file, for editors (meshfleet schema > topology.schema.json)',
    options: {},
    details: [
      'YAML editors validate and complete a topology file that starts with',
      '  # yaml-language-server: $schema=<path or URL of topology.schema.json>',
      "The repository's topology.schema.json is this output; the examples point at it.",
    ].join('\n'),
    run: async (values, io) => (await import('./schema-command')).runSchema(values, io),
  },
};
