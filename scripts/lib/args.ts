import { parseArgs } from 'node:util';

export type Format = 'text' | 'github' | 'json';

export interface CheckArgs {
  strict: boolean;
  format: Format;
  files: string[];
  /** A rule id to explain instead of checking. */
  explain?: string;
  /** List the earlier post-mortems like each file (every file, with none named); on by default with files named. */
  similar: boolean;
  help: boolean;
}

export const CHECK_USAGE = `usage: npm run check -- [--strict] [--format text|github|json] [--similar] [files…]
       npm run check -- --explain <rule>

Validates and lints the library without building it: exit 0 when all is well, 1 on errors (and on
warnings with --strict), 2 on a wrong option or a missing file. --explain prints what a rule
catches, what to do and an example (rule ids are the last word of each problem line).
With files named (or --similar, for every file), it also lists the earlier post-mortems most like
each one and warns (possible-repeat) of one that may be the same failure and is not linked.`;

/** `check [--strict] [--format text|github|json] [files…]`; throws with a usage message on bad input. */
export function parseCheckArgs(argv: readonly string[]): CheckArgs {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: { strict: { type: 'boolean', default: false }, format: { type: 'string', default: 'text' }, explain: { type: 'string' }, similar: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    allowPositionals: true,
  });
  const format = values.format as Format;
  if (!['text', 'github', 'json'].includes(format)) throw new Error(`--format must be text, github or json, not "${format}"`);
  return { strict: values.strict ?? false, format, files: positionals, explain: values.explain, similar: (values.similar ?? false) || positionals.length > 0, help: values.help ?? false };
}
