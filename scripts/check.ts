// npm run check [-- --strict] [-- --format text|github|json] [files…]
// Validates and lints the library without building the site.
import { existsSync } from 'node:fs';
import { checkLibrary, contentRoot } from '../src/validation/load.ts';
import { parseCheckArgs } from './lib/args.ts';
import { render } from './lib/report.ts';

let args;
try {
  args = parseCheckArgs(process.argv.slice(2));
} catch (error) {
  console.error(`check: ${(error as Error).message}\nusage: npm run check -- [--strict] [--format text|github|json] [files…]`);
  process.exit(2);
}

const missing = args.files.filter((file) => !existsSync(file));
if (missing.length) {
  console.error(`check: no such file: ${missing.join(', ')}`);
  process.exit(2);
}

const result = await checkLibrary(contentRoot(), process.cwd(), args.files.length ? args.files : undefined);
const checked = args.files.length ? args.files.length : result.files.length;
const problems = result.problems;
console.log(render(problems, args.format, checked));

const errors = problems.some((p) => p.severity === 'error');
const warnings = problems.some((p) => p.severity === 'warning');
process.exitCode = errors || (args.strict && warnings) ? 1 : 0;
