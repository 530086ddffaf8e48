// Reading sources from files and folders, and writing one post-mortem per source: a second import
// of the same source updates its file.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative } from 'node:path';
import { type ConvertOptions, type ImportReport, convert } from './convert.ts';

const MARKDOWN = new Set(['.md', '.markdown', '.mdown', '.mkd', '.txt', '']);
/** Files a folder of post-mortems often holds that are not post-mortems. */
const NOT_POSTMORTEMS = /^(readme|license|licence|copying|notice|changelog|contributing|code_of_conduct|codeowners|security|authors|index|_index|summary|sidebar|_sidebar|toc)(\.[a-z]+)?$|template/i;

export interface Source {
  path: string;
  /** What `imported.from` records: the file name, or its path inside the folder given. */
  from: string;
}

export interface Skipped {
  path: string;
  reason: string;
}

/** The sources named on the command line: files as given, folders walked for Markdown files. */
export function collect(inputs: readonly string[]): { sources: Source[]; skipped: Skipped[]; missing: string[] } {
  const sources: Source[] = [];
  const skipped: Skipped[] = [];
  const missing: string[] = [];
  for (const input of inputs) {
    if (!existsSync(input)) {
      missing.push(input);
      continue;
    }
    if (!statSync(input).isDirectory()) {
      sources.push({ path: input, from: basename(input) });
      continue;
    }
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (!MARKDOWN.has(extname(entry.name).toLowerCase()) || /\.\w{1,5}$/.test(entry.name) && !MARKDOWN.has(extname(entry.name).toLowerCase())) continue;
        else if (NOT_POSTMORTEMS.test(entry.name)) skipped.push({ path, reason: 'not a post-mortem by its name (README, LICENSE, template…); name the file to import it' });
        else sources.push({ path, from: relative(input, path) });
      }
    };
    walk(input);
  }
  return { sources, skipped, missing };
}

export interface FileResult {
  source: string;
  outcome: 'created' | 'updated' | 'unchanged' | 'failed';
  output?: string;
  id?: string;
  title?: string;
  reason?: string;
  report: ImportReport;
}

/** `imported.from` of the post-mortems already under `out`, to update them on a second import. */
function importedFiles(out: string): Map<string, string> {
  const found = new Map<string, string>();
  if (!existsSync(out)) return found;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.mdx?$/.test(entry.name)) {
        const head = readFileSync(path, 'utf8').slice(0, 4000);
        const from = /^imported:\s*\n\s+from:\s*(.+)$/m.exec(head)?.[1];
        if (from) found.set(unquote(from), path);
      }
    }
  };
  walk(out);
  return found;
}

function unquote(text: string): string {
  const t = text.trim();
  if (t.startsWith('"')) try { return JSON.parse(t) as string; } catch { /* as written */ }
  if (t.startsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
  return t;
}

export interface ImportOptions extends Omit<ConvertOptions, 'from'> {
  out: string;
  dryRun: boolean;
}

/** Imports every source; writes nothing with dryRun. */
export function importAll(sources: readonly Source[], options: ImportOptions): FileResult[] {
  const existing = importedFiles(options.out);
  const taken = new Set<string>();
  const results: FileResult[] = [];
  const done: { source: Source; converted: Extract<ReturnType<typeof convert>, { ok: true }>; id: string; output: string; index: number }[] = [];
  for (const source of sources) {
    let text: string;
    try {
      text = readFileSync(source.path, 'utf8');
    } catch (error) {
      results.push({ source: source.path, outcome: 'failed', reason: `cannot read: ${(error as Error).message}`, report: { mapped: [], unknown: [], guesses: [], keptAsText: [], notes: [] } });
      continue;
    }
    const converted = convert(text, { ...options, from: source.from });
    if (!converted.ok) {
      results.push({ source: source.path, outcome: 'failed', title: converted.title, reason: converted.reason, report: converted.report });
      continue;
    }
    let { id } = converted;
    let output = existing.get(source.from) ?? join(options.out, converted.year, `${id}.md`);
    // Two sources with one id: the second gets a suffix rather than overwrite the first.
    for (let n = 2; taken.has(id.toLowerCase()) || (!existing.has(source.from) && existsSync(output) && !isImportOf(output, source.from)); n++) {
      id = `${converted.id}-${n}`;
      output = join(options.out, converted.year, `${id}.md`);
      converted.report.guesses.push(`id ${converted.id} is taken; this one is ${id}`);
    }
    taken.add(id.toLowerCase());
    done.push({ source, converted, id, output, index: results.length });
    results.push({ source: source.path, outcome: 'unchanged', output, id, title: converted.title, report: converted.report });
  }
  // A link from one source to another of the archive (`[PM2019-009](PM2019-009 - IP starvation.md)`)
  // would point at a file the site does not serve: it points at that post-mortem's page instead.
  const pageOf = new Map(done.map(({ source, id }) => [basename(source.from), `/incidents/${id}/`]));
  for (const { source, converted, id, output, index } of done) {
    const linked = relinkSources(id === converted.id ? converted.text : converted.text.replace(/^id: .*$/m, `id: ${id}`), pageOf);
    if (linked.count) converted.report.notes.push(`${linked.count} link${linked.count === 1 ? '' : 's'} to other post-mortems of the archive now point at their pages`);
    const content = linked.text;
    const before = existsSync(output) ? readFileSync(output, 'utf8') : undefined;
    const outcome = before === undefined ? 'created' : sameButDate(before, content) ? 'unchanged' : 'updated';
    if (!options.dryRun && outcome !== 'unchanged') {
      mkdirSync(dirname(output), { recursive: true });
      writeFileSync(output, content);
    }
    results[index] = { source: source.path, outcome, output, id, title: converted.title, report: converted.report };
  }
  return results;
}

/** Link destinations (inline and reference definitions) naming a source of the archive, pointed at its page. */
export function relinkSources(text: string, pageOf: ReadonlyMap<string, string>): { text: string; count: number } {
  let count = 0;
  const target = (destination: string) => {
    let name = destination;
    try {
      name = decodeURIComponent(destination);
    } catch {
      // Not percent-encoded: the name as written.
    }
    return pageOf.get(basename(name.replace(/[?#].*$/, '')));
  };
  const swap = (whole: string, before: string, open: string, destination: string, close: string) => {
    const page = /^[a-z][a-z0-9+.-]*:|^\/|^#/i.test(destination) ? undefined : target(destination);
    if (!page) return whole;
    count++;
    return `${before}${page}`;
  };
  const out = text
    // <…> may hold spaces; a bare destination may not.
    .replace(/(\]\()(<)([^>\n]+)(>)/g, swap)
    .replace(/(\]\()()([^)\s<>]+)()/g, swap)
    .replace(/^( {0,3}\[[^\]]+\]:[ \t]*)(<?)([^\s>]+)(>?)/gm, swap);
  return { text: out, count };
}

function isImportOf(path: string, from: string): boolean {
  const from2 = /^imported:\s*\n\s+from:\s*(.+)$/m.exec(readFileSync(path, 'utf8').slice(0, 4000))?.[1];
  return from2 !== undefined && unquote(from2) === from;
}

/** Equal except for `imported.on`: a re-import on another day changes nothing. */
function sameButDate(a: string, b: string): boolean {
  const strip = (text: string) => text.replace(/^(\s+on: ).*$/m, '$1');
  return strip(a) === strip(b);
}
