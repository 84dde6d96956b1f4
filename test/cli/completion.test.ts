import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { COMMANDS } from '../../src/cli/commands';
import { run } from './helpers';

/** Completes `words` (the last one being completed) with the bash script, as bash would on TAB. */
function bashComplete(script: string, words: string[], cwd: string): string[] {
  const file = path.join(path.dirname(cwd), `${path.basename(cwd)}.bash`);
  fs.writeFileSync(file, script);
  const line = words.map((w) => `'${w}'`).join(' ');
  const result = spawnSync('bash', ['-c', `source ${file}; COMP_WORDS=(meshfleet ${line}); COMP_CWORD=${words.length}; _meshfleet; printf '%s\\n' "\${COMPREPLY[@]}"`], {
    cwd,
    encoding: 'utf8',
  });
  expect(result.stderr).toBe('');
  return result.stdout.split('\n').filter((l) => l !== '');
}

describe('meshfleet completion', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshfleet-completion-'));
    fs.writeFileSync(path.join(dir, 'meshfleet.yaml'), '');
    fs.mkdirSync(path.join(dir, 'dist'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(`${dir}.bash`, { force: true });
  });

  test('bash completes commands, each command’s options, --format values, files and folders', async () => {
    const result = await run('completion', 'bash');
    expect(result.status).toBe(0);
    const script = result.stdout.join('\n');
    expect(bashComplete(script, ['syn'], dir)).toEqual(['synth']);
    expect(bashComplete(script, ['c'], dir)).toEqual(['canary', 'ca', 'completion']);
    for (const [name, command] of Object.entries(COMMANDS)) {
      const flags = bashComplete(script, [name, '--'], dir);
      expect(flags.sort()).toEqual([...Object.keys(command.options).map((o) => `--${o}`), '--help'].sort());
    }
    expect(bashComplete(script, ['synth', '--format', ''], dir)).toEqual(['text', 'json']);
    expect(bashComplete(script, ['validate', 'meshf'], dir)).toEqual(['meshfleet.yaml']);
    expect(bashComplete(script, ['synth', '--out', 'di'], dir)).toEqual(['dist']);
    expect(bashComplete(script, ['completion', ''], dir)).toEqual(['bash', 'zsh', 'fish']);
    expect(bashComplete(script, ['schema', ''], dir)).toEqual([]);
  });

  test.each(['zsh', 'fish'])('%s: every command and option is in the script, which the shell parses when installed', async (shell) => {
    const result = await run('completion', shell);
    expect(result.status).toBe(0);
    const script = result.stdout.join('\n');
    for (const [name, command] of Object.entries(COMMANDS)) {
      expect(script).toContain(shell === 'zsh' ? `_meshfleet_${name}()` : `-a ${name} -d `);
      for (const option of Object.keys(command.options)) expect(script).toContain(shell === 'zsh' ? `--${option}` : `-l ${option}`);
    }
    // The shells are not part of the CI image; where they are installed, their parser checks the script.
    const installed = spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;
    if (installed) {
      const file = path.join(dir, 'dist', `meshfleet.${shell}`);
      fs.writeFileSync(file, script);
      expect(spawnSync(shell, ['-n', file], { encoding: 'utf8' }).status).toBe(0);
    }
  });

  test('an unknown or missing shell is a usage error, named as it was given', async () => {
    const positional = await run('completion', 'powershell');
    expect(positional.status).toBe(2);
    expect(positional.stderr[0]).toBe('meshfleet: SHELL: expected one of bash, zsh, fish, found "powershell"');
    const option = await run('completion', '--shell', 'powershell');
    expect(option.status).toBe(2);
    expect(option.stderr[0]).toBe('meshfleet: --shell: expected one of bash, zsh, fish, found "powershell"');
    const missing = await run('completion');
    expect(missing.status).toBe(2);
    expect(missing.stderr[0]).toBe('meshfleet: SHELL is required (or --shell SHELL)');
  });
});
