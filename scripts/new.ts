// npm run new -- "<title>" [--severity SEV-2] [--kind incident] [--service checkout-api] [--date YYYY-MM-DD] [--id ID]
// Scaffolds a new post-mortem with every section, a fresh id and today's date.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { KINDS, SEVERITIES } from '../src/schemas/postmortem.ts';
import { postmortemId } from '../src/schemas/common.ts';
import { contentRoot, loadLibrary } from '../src/ingestion/load.ts';
import type { Source } from '../src/check/source.ts';
import { scaffold, scaffoldPath, slugify } from './lib/scaffold.ts';
import { similarToTitle } from '../src/check/similar.ts';
import { similarWhy } from './lib/report.ts';

const usage = `usage: npm run new -- "<title>" [--severity SEV-1|SEV-2|SEV-3] [--kind incident|missed-deadline|failed-launch|lost-deal|other]
                    [--service <slug>]… [--date YYYY-MM-DD] [--id <id>]

Scaffolds content/postmortems/<year>/<date>-<slug>.mdx with every section, status: draft.
--date backdates it (an incident written up later); --id keeps an id it already has (default: the
next free INC-<year>-NNN). It never overwrites a file.`;

/** The id a file's frontmatter gives, even when the rest of it is invalid (YAML errors included). */
function idAsWritten(source: Source): unknown {
  const data = source.data as { id?: unknown } | undefined;
  return data ? data.id : source.doc?.get('id');
}

function fail(message: string): never {
  console.error(`new: ${message}\n${usage}`);
  process.exit(2);
}

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: {
    severity: { type: 'string', default: 'SEV-2' },
    kind: { type: 'string', default: 'incident' },
    service: { type: 'string', multiple: true },
    date: { type: 'string' },
    id: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
  allowPositionals: true,
  strict: false,
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const unknownOption = Object.keys(values).find((key) => !['severity', 'kind', 'service', 'date', 'id', 'help'].includes(key));
if (unknownOption) fail(`unknown option --${unknownOption}`);
const title = positionals.join(' ').trim();
if (typeof values.date === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) fail(`--date must be a date written YYYY-MM-DD, not "${values.date}"`);
if (typeof values.id === 'string' && !postmortemId.safeParse(values.id).success) fail(`--id "${values.id}" is not an id: letters, digits, ".", "_" and "-", starting with a letter or digit, at most 100 characters`);
if (!title) fail('a title is required');
if (title.length > 140) fail(`the title has ${title.length} characters; keep it to 140`);
if (!(SEVERITIES as readonly string[]).includes(String(values.severity))) fail(`--severity must be one of ${SEVERITIES.join(', ')}`);
if (!(KINDS as readonly string[]).includes(String(values.kind))) fail(`--kind must be one of ${KINDS.join(', ')}`);
const services = ((values.service as string[] | undefined) ?? ['service-name']).map((service) => slugify(String(service)));

const root = contentRoot();
const library = loadLibrary(root);
if (!library.settings) fail(`${join(root, 'settings.yaml')} is invalid; run npm run check`);
// HINDSIGHT_NOW (docs/framework.md#environment) makes the date, and so the file name and id, reproducible in tests.
const zone = library.settings.timezone;
const clock = process.env.HINDSIGHT_NOW ? DateTime.fromISO(process.env.HINDSIGHT_NOW, { zone }).setZone(zone) : DateTime.now().setZone(zone);
// --date: the incident's own day, at 09:00 local (change the times to what happened).
const now = typeof values.date === 'string' ? DateTime.fromISO(`${values.date}T09:00`, { zone }) : clock;
if (typeof values.date === 'string' && !now.isValid) fail(`--date ${values.date} is not a real date`);
if (!clock.isValid) fail(`HINDSIGHT_NOW="${process.env.HINDSIGHT_NOW}" is not a date; use an ISO date such as 2026-11-27 or a date-time with offset`);
// Ids as written too, not only those of valid files: a file with a schema error still owns its id.
// (A valid file's id is its entry's; its frontmatter need not be read again.)
const valid = new Set(library.entries.map((entry) => entry.source));
const written = library.sources.filter((source) => !valid.has(source)).map(idAsWritten).filter((id): id is string => typeof id === 'string');
const existingIds = new Set([...library.entries.map((entry) => entry.id), ...written, ...library.files.map((file) => file.replace(/^.*\//, '').replace(/\.mdx$/, ''))]);
if (typeof values.id === 'string' && [...existingIds].some((taken) => taken.toLowerCase() === (values.id as string).toLowerCase())) fail(`--id ${values.id} is already the id of a post-mortem (ids are unique ignoring case)`);
const file = join(root, scaffoldPath(title, now));
if (existsSync(file)) fail(`${relative(process.cwd(), file)} already exists; pick another title (nothing was overwritten)`);

const { id, text } = scaffold({
  title,
  severity: values.severity as (typeof SEVERITIES)[number],
  kind: values.kind as (typeof KINDS)[number],
  services,
  now,
  existingIds,
  settings: library.settings,
  ...(typeof values.id === 'string' ? { id: values.id } : {}),
});
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, text, { flag: 'wx' });
console.log(`Created ${relative(process.cwd(), file)} (${id}, status: draft).\nFill it in, run \`npm run check\`, then set status: in-review and open a pull request.`);
// Has this happened before? The post-mortems most like the title, so the author can link them.
const likely = similarToTitle(library.entries, title, (values.service as string[] | undefined) ?? [], library.settings);
if (likely.length) {
  console.log(`\nPost-mortems like this one — if it is one of them again, set repeatOf: <id>; if related, add it to related:`);
  for (const match of likely) console.log(`  ${match.score.toFixed(2)}  ${match.id}  ${match.file}  "${match.title}"  (${similarWhy(match)})`);
}
