import * as path from 'node:path';
import { colourWanted } from '../../src/cli/colour';
import { Io } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import { EXAMPLES_DIR } from './helpers';

jest.setTimeout(60_000);

describe('colour', () => {
  test.each([
    [true, {}, true],
    [false, {}, false],
    [true, { NO_COLOR: '1' }, false],
    [true, { NO_COLOR: '' }, true],
    [true, { TERM: 'dumb' }, false],
    [false, { FORCE_COLOR: '1' }, true],
    [true, { FORCE_COLOR: '0' }, false],
    [false, { FORCE_COLOR: '1', NO_COLOR: '1' }, false],
  ])('a terminal: %s, env %j → %s', (isTTY, env, expected) => expect(colourWanted(isTTY, env)).toBe(expected));

  test('validate colours the severity and ok on a coloured stdout, and only there', async () => {
    const lines = async (colour: Io['colour']) => {
      const stdout: string[] = [];
      const io: Io = { out: (l) => stdout.push(l), err: () => undefined, colour };
      expect(await main(['validate', path.join(EXAMPLES_DIR, 'starter.yaml')], io)).toBe(0);
      return stdout;
    };
    const plain = await lines(undefined);
    const coloured = await lines({ out: true, err: false });
    expect(coloured[0]).toBe(`\x1b[33mwarning\x1b[0m${plain[0].slice('warning'.length)}`);
    expect(coloured[coloured.length - 1]).toBe(`\x1b[32mok\x1b[0m${plain[plain.length - 1].slice('ok'.length)}`);
    expect(await lines({ out: false, err: true })).toEqual(plain);
  });

  test('problems and usage errors: red on a coloured stderr', async () => {
    const stderr: string[] = [];
    const io: Io = { out: () => undefined, err: (l) => stderr.push(l), colour: { out: false, err: true } };
    expect(await main(['synt'], io)).toBe(2);
    expect(stderr[0].startsWith(`\x1b[31mmeshfleet:\x1b[0m unknown command 'synt'`)).toBe(true);
  });
});
