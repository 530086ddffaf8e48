import { parseArgs } from 'node:util';

export type Format = 'text' | 'github' | 'json';

export interface CheckArgs {
  strict: boolean;
  format: Format;
  files: string[];
}

/** `check [--strict] [--format text|github|json] [files…]`; throws with a usage message on bad input. */
export function parseCheckArgs(argv: readonly string[]): CheckArgs {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: { strict: { type: 'boolean', default: false }, format: { type: 'string', default: 'text' } },
    allowPositionals: true,
  });
  const format = values.format as Format;
  if (!['text', 'github', 'json'].includes(format)) throw new Error(`--format must be text, github or json, not "${format}"`);
  return { strict: values.strict ?? false, format, files: positionals };
}
