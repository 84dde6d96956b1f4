import { COMMANDS } from '../../src/cli/commands';
import { run } from './helpers';

describe('meshfleet help', () => {
  test('help alone is --help', async () => {
    const help = await run('help');
    expect(help).toEqual(await run('--help'));
    expect(help.status).toBe(0);
    expect(help.stdout.join('\n')).toMatch(/^Usage: meshfleet <command>/);
  });

  test.each(Object.keys(COMMANDS))('help %s is the same as the command with --help', async (name) => {
    const help = await run('help', name);
    expect(help).toEqual(await run(name, '--help'));
    expect(help.status).toBe(0);
    expect(help.stdout[0]).toMatch(new RegExp(`^Usage: meshfleet ${name}\\b`));
  });

  test.each([
    ['an unknown command', ['help', 'frobnicate'], "meshfleet: help: unknown command 'frobnicate' (commands: "],
    ['an extra argument', ['help', 'synth', 'extra'], "meshfleet: help: unexpected argument 'extra' after synth"],
  ])('%s is a usage error (exit 2)', async (_what, argv, message) => {
    const result = await run(...argv);
    expect(result.status).toBe(2);
    expect(result.stdout).toEqual([]);
    expect(result.stderr[0].startsWith(message)).toBe(true);
    expect(result.stderr[1]).toBe("Run 'meshfleet --help' for usage.");
  });
});

describe('exit statuses in --help', () => {
  const EXIT_LINES = [
    'Exit status:',
    '  0  success',
    '  1  problems in the input or output: topology problems, a refused output folder or edit,',
    "     differences found by 'synth --check' or 'diff'",
    '  2  usage error: unknown command or option, a missing or bad option value',
  ];

  test.each([['--help'], ...Object.keys(COMMANDS).map((name) => [name, '--help'])].map((argv) => [argv.join(' '), argv]))('%s ends with them', async (_title, argv) => {
    const result = await run(...argv);
    expect(result.stdout.join('\n').split('\n').slice(-EXIT_LINES.length)).toEqual(EXIT_LINES);
  });

  test('--help points at help <command>', async () => {
    expect((await run('--help')).stdout.join('\n')).toContain("Run 'meshfleet help <command>' or 'meshfleet <command> --help'");
  });
});
