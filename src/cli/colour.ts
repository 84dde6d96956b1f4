/** What a coloured piece of text is; each has one colour (SGR code). */
export type Style = 'error' | 'warning' | 'info' | 'ok' | 'added' | 'removed' | 'hunk' | 'strong';

const SGR: Readonly<Record<Style, string>> = { error: '31', warning: '33', info: '36', ok: '32', added: '32', removed: '31', hunk: '36', strong: '1' };

/**
 * Whether text written to a stream is coloured, by the conventions of no-color.org and most CLIs:
 * `NO_COLOR` set to anything non-empty turns colour off; otherwise `FORCE_COLOR` set to anything
 * but `0` turns it on; otherwise only a terminal gets colour, and not a `TERM=dumb` one.
 */
export function colourWanted(isTTY: boolean | undefined, env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0';
  return isTTY === true && env.TERM !== 'dumb';
}

/** Whether each stream of an `Io` gets colour (see {@link colourWanted}). */
export interface Colours {
  readonly out: boolean;
  readonly err: boolean;
}

/** `text` in the colour of `style` when `stream` of `io` is coloured, else as it is. */
export function paint(io: { readonly colour?: Colours }, stream: 'out' | 'err', text: string, style: Style): string {
  return io.colour?.[stream] === true ? `\x1b[${SGR[style]}m${text}\x1b[0m` : text;
}
