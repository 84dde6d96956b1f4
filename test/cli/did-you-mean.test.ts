import { closestMatch } from '../../src/cli/did-you-mean';
import { run } from './helpers';

describe('did you mean', () => {
  const commands = ['synth', 'diff', 'validate', 'plan', 'canary', 'shift', 'ca', 'init', 'version', 'completion', 'schema'];

  test.each([
    ['synt', 'synth'],
    ['sytnh', 'synth'],
    ['valdiate', 'validate'],
    ['vaildate', 'validate'],
    ['pln', 'plan'],
    ['compl', 'completion'],
    ['shcema', 'schema'],
  ])('%s → %s', (typo, expected) => expect(closestMatch(typo, commands)).toBe(expected));

  test.each([['xyz'], ['deploy'], ['c']])('%s has no close command', (typo) => expect(closestMatch(typo, commands)).toBeUndefined());

  test('a tie suggests nothing rather than a guess', () => expect(closestMatch('abcx', ['abcy', 'abcz'])).toBeUndefined());

  test('an unknown command and an unknown option are usage errors with the suggestion', async () => {
    expect(await run('valdiate')).toEqual({
      status: 2,
      stdout: [],
      stderr: [
        "meshfleet: unknown command 'valdiate'; did you mean 'validate'? (commands: synth, diff, validate, plan, canary, shift, ca, init, version, completion, schema)",
        "Run 'meshfleet --help' for usage.",
      ],
    });
    const option = await run('synth', '--tolopogy', 'x.yaml');
    expect(option.status).toBe(2);
    expect(option.stderr[0]).toBe("meshfleet: unknown option '--tolopogy'; did you mean '--topology'?");
    const help = await run('help', 'synht');
    expect(help.stderr[0]).toMatch(/^meshfleet: help: unknown command 'synht'; did you mean 'synth'\?/);
  });
});
