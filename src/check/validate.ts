import { basename, extname } from 'node:path';
import { postmortemSchema, type Postmortem } from '../schemas/postmortem.ts';
import { settingsSchema, type Settings } from '../schemas/settings.ts';
import { idProblem } from '../schemas/common.ts';
import { millisOf, todayFrom } from '../core/time.ts';
import { issuesToProblems, problemAt } from './issues.ts';
import { LIMIT_CODES, position, readSource, readYamlFile, type Source } from './source.ts';
import type { Problem } from './problem.ts';

/** A post-mortem whose frontmatter passed the schema. */
export interface ValidEntry {
  file: string;
  id: string;
  data: Postmortem;
  source: Source;
}

export interface Validation<T> {
  value?: T;
  problems: Problem[];
}

/** What would be right, for the YAML mistakes people make most; the parser only says what is wrong. */
const YAML_HINTS: Partial<Record<string, string>> = {
  BLOCK_AS_IMPLICIT_KEY: 'a value that contains ": " must be quoted, e.g. title: "Checkout: 502s after a CDN push"',
  DUPLICATE_KEY: 'a field may appear only once; keep one of them',
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  MISSING_CHAR: 'close the quote or bracket that was opened',
  BAD_ALIAS: 'an alias (*name) repeats a value marked &name earlier in the frontmatter; mark it first, or write the value out',
  TAG_RESOLVE_FAILED: 'remove the tag and write the value plainly (in quotes to keep it text)',
};

function yamlProblems(source: Source, what: string): Problem[] {
  return source.yamlErrors.map((error) => {
    const { line, column } = position(source, source.frontmatterOffset + error.pos[0]);
    const hint = YAML_HINTS[error.code];
    // A limit (source.ts YAML_LIMITS) is no syntax error: the message says what is too much.
    const limit = (LIMIT_CODES as readonly string[]).includes(error.code);
    const message = limit ? `${what} ${error.message}` : `YAML syntax: ${error.message.split('\n')[0]}${hint ? `; ${hint}` : ''}`;
    return { file: source.file, line, column, field: '(yaml)', message, severity: 'error', rule: 'yaml' };
  });
}

/** Reads and checks settings.yaml; a missing file means every default. */
export function validateSettings(file: string, text: string | undefined): Validation<Settings> {
  if (text === undefined) return { value: settingsSchema.parse({}), problems: [] };
  const source = readYamlFile(file, text);
  const syntax = yamlProblems(source, 'this file');
  if (syntax.length) return { problems: syntax };
  const raw = source.data ?? {};
  const result = settingsSchema.safeParse(raw);
  if (result.success) return { value: result.data, problems: [] };
  return { problems: issuesToProblems(source, result.error.issues, raw, settingsSchema) };
}

/**
 * "Today" for the rules that bound dates: HINDSIGHT_NOW, as the build reads it (src/library.ts), or
 * the clock's date in the settings zone (also when HINDSIGHT_NOW is not a date: the build says so).
 */
export function checkToday(settings: Settings, env: NodeJS.ProcessEnv = process.env): string {
  // Asked once per file, and luxon takes 10–20 µs to answer: worked out again when the inputs or the minute change.
  const key = `${env.HINDSIGHT_NOW ?? ''}\0${settings.timezone}\0${Math.floor(Date.now() / 60_000)}`;
  if (remembered?.key !== key) remembered = { key, date: todayFrom(env.HINDSIGHT_NOW, settings.timezone) ?? todayFrom(undefined, settings.timezone)! };
  return remembered.date;
}

let remembered: { key: string; date: string } | undefined;

// Building a zod 4 schema is costly (it compiles a parser per object schema on first use): build the
// post-mortem schema once per settings and day, not once per file. On 1,000 files this was ~1/4 of `check`.
const schemas = new WeakMap<Settings, { today: string; schema: ReturnType<typeof postmortemSchema> }>();
function schemaFor(settings: Settings): ReturnType<typeof postmortemSchema> {
  const today = checkToday(settings);
  let built = schemas.get(settings);
  if (built?.today !== today) schemas.set(settings, (built = { today, schema: postmortemSchema(settings, today) }));
  return built.schema;
}

/** Why a file has no frontmatter block, as far as its first lines tell. */
function missingFrontmatter(text: string): string {
  if (/^\s+---[ \t]*\r?\n/.test(text)) return 'has no frontmatter: the opening --- must be the very first line; remove the blank lines or spaces above it';
  if (/^\uFEFF?---[ \t]*\r?\n/.test(text)) return 'has no frontmatter: the --- block opened on line 1 is never closed; end the fields with a line holding only ---';
  return 'has no frontmatter; start the file with a --- block (run `npm run new` for a template)';
}

/** What the frontmatter holds when it is not a mapping, in words. */
function kindOf(data: unknown): string | undefined {
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) return undefined;
  if (data === null || data === undefined) return 'nothing (it is empty)';
  if (Array.isArray(data)) return 'a list';
  const shown = typeof data === 'string' ? JSON.stringify(data.length > 40 ? `${data.slice(0, 39)}…` : data) : String(data);
  return `${typeof data === 'string' ? 'a text' : `a ${typeof data}`} (${shown})`;
}

/** Checks one post-mortem file on its own (schema and the rules between its fields). */
export function validateFile(file: string, text: string, settings: Settings): Validation<ValidEntry> & { source: Source } {
  const source = readSource(file, text);
  if (source.frontmatter === undefined) {
    return { source, problems: [{ file, line: 1, column: 1, field: '(frontmatter)', message: missingFrontmatter(text), severity: 'error', rule: 'schema' }] };
  }
  const syntax = yamlProblems(source, 'the frontmatter');
  if (syntax.length) return { source, problems: syntax };
  const raw = source.data;
  const kind = kindOf(raw);
  if (kind) {
    const message = `must be a mapping of fields, one per line, e.g. "title: Checkout returned 502s"; it holds ${kind} — run \`npm run new\` for a template`;
    return { source, problems: [problemAt(source, [], message, 'schema')].map((problem) => ({ ...problem, field: '(frontmatter)' })) };
  }
  const schema = schemaFor(settings);
  const result = schema.safeParse(raw);
  // An id taken from the file name must be an id too (it names a folder and a URL of the site).
  const named = basename(file, extname(file));
  const nameProblem = (raw as { id?: unknown }).id === undefined ? idProblem(named) : undefined;
  const problems = nameProblem
    ? [problemAt(source, [], `is taken from the file name "${named}", which ${nameProblem}; add an id: field (e.g. id: INC-2026-007) or rename the file`, 'schema')].map((problem) => ({ ...problem, field: 'id' }))
    : [];
  if (!result.success) return { source, problems: [...issuesToProblems(source, result.error.issues, raw, schema), ...problems] };
  if (problems.length) return { source, problems };
  // The entry's data holds the same strings; the linters read them from it (lint.ts).
  source.forgetData();
  const id = result.data.id ?? named;
  return { source, value: { file, id, data: result.data, source }, problems: [] };
}

/**
 * The rules across files: unique ids (ignoring case: they name folders and URLs, and macOS and
 * Windows file systems ignore case), related and repeatOf naming other existing post-mortems, and
 * repeatOf naming an earlier one. As every repeatOf points back in time, repeats cannot form a cycle.
 */
export function crossCheck(entries: readonly ValidEntry[]): Problem[] {
  const problems: Problem[] = [];
  const byId = new Map<string, ValidEntry>();
  const byFolded = new Map<string, ValidEntry>();
  for (const entry of entries) {
    const first = byFolded.get(entry.id.toLowerCase());
    if (first) {
      const same = first.id === entry.id ? `"${entry.id}" is already the id of ${first.file}` : `"${entry.id}" differs from "${first.id}", the id of ${first.file}, only in capitals`;
      problems.push(problemAt(entry.source, entry.data.id ? ['id'] : [], `${same}; ids must be unique, ignoring case (they name folders and URLs) — pick another (npm run new picks a free one)`, 'unique-id'));
    } else {
      byFolded.set(entry.id.toLowerCase(), entry);
      byId.set(entry.id, entry);
    }
  }
  for (const entry of entries) {
    const refs: [PropertyKey[], string][] = entry.data.related.map((id, index) => [['related', index], id]);
    if (entry.data.repeatOf) refs.push([['repeatOf'], entry.data.repeatOf]);
    for (const [path, id] of refs) {
      if (id.toLowerCase() === entry.id.toLowerCase()) {
        const right = path[0] === 'repeatOf' ? 'name another post-mortem, the earlier post-mortem whose root cause this one repeats' : 'list other post-mortems only';
        problems.push(problemAt(entry.source, path, `names this post-mortem itself ("${id}"); ${right}`, 'reference'));
      }
      else if (!byId.has(id)) problems.push(problemAt(entry.source, path, `"${id}" is not the id of any post-mortem${nearest(id, byId)}`, 'reference'));
    }
    const repeated = entry.data.repeatOf === undefined ? undefined : byId.get(entry.data.repeatOf);
    if (repeated && repeated !== entry && !(millisOf(repeated.data.started) < millisOf(entry.data.started))) {
      problems.push(
        problemAt(
          entry.source,
          ['repeatOf'],
          `names "${repeated.id}", which started ${repeated.data.started}, not before this one (${entry.data.started}); repeatOf names the earlier post-mortem whose root cause this one repeats — if "${repeated.id}" is the repeat, put repeatOf: ${entry.id} in ${repeated.file} instead`,
          'reference',
        ),
      );
    }
  }
  return problems;
}

function nearest(id: string, byId: Map<string, ValidEntry>): string {
  const lower = id.toLowerCase();
  const match = [...byId.keys()].find((other) => other.toLowerCase() === lower);
  return match ? `; did you mean "${match}"?` : '; check the id in the other file\'s frontmatter (or its file name)';
}

export interface LibraryValidation {
  settings?: Settings;
  /** Every file as read, valid or not, in the order given. */
  sources: Source[];
  entries: ValidEntry[];
  problems: Problem[];
}

/** Every rule over settings and every post-mortem: all problems of all files at once. */
export function validateLibrary(
  settingsFile: { file: string; text?: string },
  files: readonly { file: string; text: string }[],
  /** validateFile, or a stand-in that remembers its results (cache.ts). */
  validate: typeof validateFile = validateFile,
): LibraryValidation {
  const settings = validateSettings(settingsFile.file, settingsFile.text);
  if (!settings.value) return { sources: [], entries: [], problems: settings.problems };
  const results = files.map(({ file, text }) => validate(file, text, settings.value!));
  const entries = results.flatMap((result) => (result.value ? [result.value] : []));
  return {
    settings: settings.value,
    sources: results.map((result) => result.source),
    entries,
    problems: [...results.flatMap((result) => result.problems), ...crossCheck(entries)],
  };
}
