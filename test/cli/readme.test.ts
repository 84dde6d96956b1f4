import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMANDS } from '../../src/cli/commands';
import { REPO_ROOT } from './helpers';

const README = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

/** The README's section `## The CLI`, up to the next section. */
function cliSection(): string {
  const start = README.indexOf('\n## The CLI\n');
  expect(start).toBeGreaterThan(0);
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end < 0 ? undefined : end);
}

describe('README', () => {
  test('the first commands are npm ci, then meshfleet through the npm script that runs it', () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(README)![1].split('\n');
    expect(firstBlock[0]).toMatch(/^npm ci\b/);
    expect(firstBlock[1]).toMatch(/^npm run meshfleet -- synth\b/);
    const scripts = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).scripts;
    expect(scripts.meshfleet).toBe('node scripts/run-meshfleet.js');
  });

  test.each(Object.keys(COMMANDS))('the CLI section shows %s with every option', (name) => {
    const section = cliSection();
    const synopsis = section.split('\n').find((line) => line.startsWith(`meshfleet ${name} `));
    expect(synopsis).toBeDefined();
    // A positional option shows as its argument (`[FILE]` for `--topology FILE`).
    for (const [option, spec] of Object.entries(COMMANDS[name].options)) expect(synopsis).toContain(spec.positional ? (spec.valueName as string) : `--${option}`);
  });

  test('the CLI section documents the exit statuses and help <command>', () => {
    const section = cliSection();
    expect(section).toContain('Exit status, for every command: **0** success; **1** problems in the input or output');
    expect(section).toContain('**2** usage');
    expect(section).toContain('meshfleet help     [COMMAND]');
  });
});
