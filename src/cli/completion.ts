import { Command, OptionSpec } from './command';
import { CompletionShell } from './completion-shells';

/** What the value of an option completes to: listed words, files, folders, or nothing. */
type ValueCompletion = { readonly words: readonly string[] } | 'file' | 'folder' | 'none';

function valueCompletion(spec: OptionSpec): ValueCompletion {
  if (spec.choices) return { words: spec.choices };
  if (spec.valueName === 'FILE') return 'file';
  if (spec.valueName === 'DIR') return 'folder';
  return 'none';
}

/** The option a command takes as its positional argument, if any. */
function positionalOf(command: Command): OptionSpec | undefined {
  return Object.values(command.options).find((spec) => spec.positional === true);
}

/** `--name` and `-n` of every option of a command, `--help` included. */
function flagsOf(command: Command): string[] {
  return [...Object.entries(command.options).flatMap(([name, spec]) => [`--${name}`, ...(spec.short ? [`-${spec.short}`] : [])]), '--help', '-h'];
}

/**
 * The completion script of `shell` for the commands given, generated from their option specs so
 * that it never lists an option the command line refuses: commands, each command's options,
 * option values (`--format` choices, files for FILE, folders for DIR) and the topology `FILE`.
 */
export function completionScript(shell: CompletionShell, commands: Readonly<Record<string, Command>>): string {
  switch (shell) {
    case 'bash':
      return bashScript(commands);
    case 'zsh':
      return zshScript(commands);
    case 'fish':
      return fishScript(commands);
  }
}

/** The bash command that lists the completions of a value. */
function bashReply(values: ValueCompletion): string {
  if (values === 'file') return 'compgen -f -- "$cur"';
  if (values === 'folder') return 'compgen -d -- "$cur"';
  return values === 'none' ? 'true' : `compgen -W "${values.words.join(' ')}" -- "$cur"`;
}

function bashScript(commands: Readonly<Record<string, Command>>): string {
  const valueCases = Object.entries(commands).flatMap(([name, command]) =>
    Object.entries(command.options).flatMap(([option, spec]) => {
      if (spec.type !== 'string') return [];
      const reply = bashReply(valueCompletion(spec));
      const patterns = [`"${name} --${option}"`, ...(spec.short ? [`"${name} -${spec.short}"`] : [])].join('|');
      return [`    ${patterns}) COMPREPLY=($(${reply})); return ;;`];
    }),
  );
  const argumentReply = (command: Command): string => {
    const spec = positionalOf(command);
    return bashReply(spec === undefined ? 'none' : valueCompletion(spec));
  };
  const flagCases = Object.entries(commands).map(([name, command]) => `    ${name}) flags="${flagsOf(command).join(' ')}"; argument=$(${argumentReply(command)}) ;;`);
  return [
    '# meshfleet completion for bash. Load it with: source <(meshfleet completion bash)',
    '_meshfleet() {',
    '  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" flags="" argument=""',
    '  if [ "$COMP_CWORD" -eq 1 ]; then',
    `    COMPREPLY=($(compgen -W "${Object.keys(commands).join(' ')} help --help --version" -- "$cur")); return`,
    '  fi',
    '  case "${COMP_WORDS[1]} $prev" in',
    ...valueCases,
    '  esac',
    '  case "${COMP_WORDS[1]}" in',
    `    help) COMPREPLY=($(compgen -W "${Object.keys(commands).join(' ')}" -- "$cur")); return ;;`,
    ...flagCases,
    '  esac',
    '  if [[ "$cur" == -* ]]; then',
    '    COMPREPLY=($(compgen -W "$flags" -- "$cur"))',
    '  else',
    '    COMPREPLY=($argument)',
    '  fi',
    '}',
    'complete -o filenames -F _meshfleet meshfleet',
    '',
  ].join('\n');
}

/** Text in single quotes for zsh and fish: `'` becomes `'\''`, `[` and `]` escaped for _arguments. */
function quoted(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function zshScript(commands: Readonly<Record<string, Command>>): string {
  const describe = (text: string) => text.replace(/[[\]]/g, (c) => `\\${c}`);
  const functions = Object.entries(commands).map(([name, command]) => {
    const specs = Object.entries(command.options).map(([option, spec]) => {
      const values = valueCompletion(spec);
      const label = values === 'file' || values === 'folder' ? values : values === 'none' ? (spec.valueName ?? 'value') : 'value';
      const action = spec.type !== 'string' ? '' : `:${label}:${zshAction(values)}`;
      const names = spec.short ? `{-${spec.short},--${option}}` : `--${option}`;
      return `    ${names}${quoted(`[${describe(spec.description)}]${action}`)} \\`;
    });
    return [`_meshfleet_${name.replace(/-/g, '_')}() {`, '  _arguments -s \\', ...specs, `    {-h,--help}'[show this help]'${positionalSpec(command)}`, '}'].join('\n');
  });
  return [
    '#compdef meshfleet',
    '# meshfleet completion for zsh. Load it with: source <(meshfleet completion zsh)',
    ...functions,
    '_meshfleet() {',
    '  if (( CURRENT == 2 )); then',
    '    local -a commands=(',
    ...Object.entries(commands).map(([name, command]) => `      ${quoted(`${name}:${command.summary.replace(/:/g, '\\:')}`)}`),
    '    )',
    "    _describe 'command' commands",
    '    return',
    '  fi',
    '  local command="${words[2]}"',
    '  shift 1 words; (( CURRENT-- ))',
    '  (( $+functions[_meshfleet_${command//-/_}] )) && _meshfleet_${command//-/_}',
    '}',
    'compdef _meshfleet meshfleet',
    '',
  ].join('\n');
}

/** The `_arguments` action that completes a value of this kind (a space: nothing to offer). */
function zshAction(values: ValueCompletion): string {
  return values === 'file' ? '_files' : values === 'folder' ? '_files -/' : values === 'none' ? ' ' : `(${values.words.join(' ')})`;
}

/** The `_arguments` spec of a command's positional argument (with its leading continuation), or ''. */
function positionalSpec(command: Command): string {
  const spec = positionalOf(command);
  if (spec === undefined) return '';
  return ` \\\n    ${quoted(`1:${spec.valueName ?? 'value'}:${zshAction(valueCompletion(spec))}`)}`;
}

function fishScript(commands: Readonly<Record<string, Command>>): string {
  const names = Object.keys(commands).join(' ');
  const lines = [
    '# meshfleet completion for fish. Load it with: meshfleet completion fish | source',
    'complete -c meshfleet -f',
    ...Object.entries(commands).map(([name, command]) => `complete -c meshfleet -n "not __fish_seen_subcommand_from ${names}" -a ${name} -d ${quoted(command.summary)}`),
  ];
  for (const [name, command] of Object.entries(commands)) {
    const when = `-n "__fish_seen_subcommand_from ${name}"`;
    const argument = positionalOf(command);
    const argumentValues = argument === undefined ? 'none' : valueCompletion(argument);
    if (argumentValues === 'file') lines.push(`complete -c meshfleet ${when} -F`);
    else if (typeof argumentValues === 'object') lines.push(`complete -c meshfleet ${when} -a "${argumentValues.words.join(' ')}"`);
    for (const [option, spec] of Object.entries(command.options)) {
      const values = valueCompletion(spec);
      const value =
        spec.type !== 'string'
          ? ''
          : values === 'file'
            ? ' -r -F'
            : values === 'folder'
              ? ` -r -a "(__fish_complete_directories)"`
              : values === 'none'
                ? ' -r'
                : ` -r -f -a "${values.words.join(' ')}"`;
      lines.push(`complete -c meshfleet ${when} -l ${option}${spec.short ? ` -s ${spec.short}` : ''}${value} -d ${quoted(spec.description)}`);
    }
  }
  return [...lines, ''].join('\n');
}
