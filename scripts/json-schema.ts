// node scripts/json-schema.ts [--check]
// Writes the JSON Schemas of the post-mortem frontmatter and of settings.yaml into schema/, for
// editors and other tools. The zod schemas in src/schemas stay the source of truth: regenerate
// after changing them or settings.categories. --check only reports whether the files are current.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { contentRoot } from '../src/ingestion/load.ts';
import { validateSettings } from '../src/check/validate.ts';
import { formatProblem } from '../src/check/problem.ts';
import { postmortemJsonSchema, settingsJsonSchema } from './lib/json-schema.ts';
import { helpRequested } from './lib/help.ts';

helpRequested("usage: npm run schema [-- --check]\n\nWrites the JSON Schemas of the frontmatter and settings.yaml into schema/ for editors; --check only reports whether they are current.");

const { values } = parseArgs({ args: process.argv.slice(2), options: { check: { type: 'boolean', default: false } } });
const project = fileURLToPath(new URL('..', import.meta.url));
const out = join(project, 'schema');

const root = contentRoot();
const settingsFile = join(root, 'settings.yaml');
const settings = validateSettings(relative(process.cwd(), settingsFile), existsSync(settingsFile) ? readFileSync(settingsFile, 'utf8') : undefined);
if (!settings.value) {
  console.error(`json-schema: the settings are invalid, so the root-cause categories are unknown:\n\n${settings.problems.map(formatProblem).join('\n')}`);
  process.exit(1);
}

const files = {
  'postmortem.schema.json': postmortemJsonSchema(settings.value, project),
  'settings.schema.json': settingsJsonSchema(project),
};

let stale = 0;
for (const [name, schema] of Object.entries(files)) {
  const file = join(out, name);
  const text = `${JSON.stringify(schema, null, 2)}\n`;
  const shown = relative(process.cwd(), file);
  if (values.check) {
    const current = existsSync(file) && readFileSync(file, 'utf8') === text;
    if (!current) stale++;
    console.log(`${shown}: ${current ? 'up to date' : 'out of date; run node scripts/json-schema.ts'}`);
  } else {
    mkdirSync(out, { recursive: true });
    writeFileSync(file, text);
    console.log(`Wrote ${shown}`);
  }
}
process.exitCode = stale ? 1 : 0;
