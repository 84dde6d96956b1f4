import { parseCommandArgs } from '../../src/cli/args';
import { Command } from '../../src/cli/command';
import { UsageError } from '../../src/cli/usage';

const COMMAND: Command = {
  summary: 'test',
  options: {
    weight: { type: 'string', short: 'w', description: 'a number' },
    format: { type: 'string', choices: ['text', 'json'], description: 'a choice' },
    check: { type: 'boolean', description: 'a flag' },
  },
  run: async () => 0,
};

function parse(...args: string[]) {
  return parseCommandArgs('test', COMMAND, args);
}

function usageError(...args: string[]): string {
  try {
    parse(...args);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`no usage error for ${args.join(' ')}`);
}

describe('parseCommandArgs', () => {
  test.each([
    [['--weight', '-1'], '-1'],
    [['--weight=-1'], '-1'],
    [['-w', '-1'], '-1'],
    [['-w', '-0.5'], '-0.5'],
    [['-w', '.5'], '.5'],
  ])('%p gives the negative number to the option', (args, weight) => {
    expect(parse(...args)).toEqual({ help: false, values: { weight } });
  });

  test('a value that looks like an option (not a number) is still a usage error', () => {
    expect(usageError('--weight', '--check')).toMatch(/argument is ambiguous/);
    expect(usageError('--weight', '-x')).toMatch(/argument is ambiguous/);
  });

  test('a boolean option does not take a following negative number', () => {
    expect(usageError('--check', '-1')).toMatch(/Unknown option '-1'/);
  });

  test('an option with choices takes only those', () => {
    expect(parse('--format', 'json')).toEqual({ help: false, values: { format: 'json' } });
    expect(usageError('--format', 'yaml')).toBe('--format: expected one of text, json, found "yaml"');
    expect(usageError('--format', 'JSON')).toBe('--format: expected one of text, json, found "JSON"');
  });
});
