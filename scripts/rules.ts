// npm run rules [-- --check]
// Writes the rule tables of docs/format.md from the rulebook (src/core/rulebook.ts); with --check
// only reports whether they are current (exit 1 when not).
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { withRuleTables } from './lib/rules-doc.ts';

const { values } = parseArgs({ args: process.argv.slice(2), options: { check: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } } });
if (values.help) {
  console.log('usage: npm run rules [-- --check]\nWrites the rule tables of docs/format.md from src/core/rulebook.ts; --check only reports whether they are current.');
  process.exit(0);
}
const path = new URL('../docs/format.md', import.meta.url);
const doc = readFileSync(path, 'utf8');
const next = withRuleTables(doc);
if (values.check) {
  console.log(next === doc ? 'docs/format.md: rule tables up to date' : 'docs/format.md: rule tables out of date; run `npm run rules`');
  process.exitCode = next === doc ? 0 : 1;
} else if (next !== doc) {
  writeFileSync(path, next);
  console.log('docs/format.md: rule tables written');
}
