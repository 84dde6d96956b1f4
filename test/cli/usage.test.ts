import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMANDS } from '../../src/cli/commands';
import { REPO_ROOT, run, TempDirs } from './helpers';

const temp = new TempDirs();
afterEach(() => temp.cleanup());

describe('usage', () => {
  test.each([
    ['no command', []],
    ['an unknown command', ['frobnicate']],
    ['an unknown top-level option', ['--frobnicate']],
    ['an unknown option', ['synth', '--frobnicate']],
    ['an option of another command', ['validate', '--out', 'x']],
    ['a missing value', ['synth', '--topology']],
    ['an empty value', ['synth', '--topology=']],
    ['a value that looks like an option', ['synth', '--topology', '--out', 'x']],
    ['a second positional argument', ['synth', 'a.yaml', 'b.yaml']],
    ['a positional argument of a command without one', ['schema', 'extra']],
    ['FILE and --topology both', ['synth', 'a.yaml', '--topology', 'b.yaml']],
    ['an argument after --version', ['--version', 'x']],
    ['a boolean with a value', ['synth', '--help=yes']],
  ])('%s is a usage error (exit 2)', async (_what, argv) => {
    const result = await run(...argv);
    expect(result.status).toBe(2);
    expect(result.stdout).toEqual([]);
    expect(result.stderr[0]).toMatch(/^meshfleet: \S/);
    expect(result.stderr[result.stderr.length - 1]).toMatch(/^(Usage: meshfleet |Run 'meshfleet --help')/);
  });

  test('a usage error writes nothing', async () => {
    const dir = temp.make();
    const result = await run('synth', '--out', path.join(dir, 'out'), '--frobnicate');
    expect(result.status).toBe(2);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('--help lists every command', async () => {
    for (const flag of ['--help', '-h']) {
      const result = await run(flag);
      expect(result.status).toBe(0);
      expect(result.stderr).toEqual([]);
      const text = result.stdout.join('\n');
      expect(text).toMatch(/^Usage: meshfleet <command>/);
      for (const name of Object.keys(COMMANDS)) expect(text).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    }
  });

  test.each(Object.keys(COMMANDS))('%s --help shows its options and does not run it', async (name) => {
    const dir = temp.make();
    const out = 'out' in COMMANDS[name].options ? ['--out', path.join(dir, 'out')] : [];
    for (const flag of ['--help', '-h']) {
      const result = await run(name, ...out, flag);
      expect(result.status).toBe(0);
      const text = result.stdout.join('\n');
      expect(text).toMatch(new RegExp(`^Usage: meshfleet ${name}`));
      for (const option of Object.keys(COMMANDS[name].options)) expect(text).toContain(`--${option}`);
    }
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('--version prints the package version', async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      expect(await run(flag)).toEqual({ status: 0, stdout: [version], stderr: [] });
    }
  });
});
