import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Postmortem } from '../schemas/postmortem.ts';
import type { Problem } from './problem.ts';
import { readSource, type Source } from './source.ts';
import { validateFile, type ValidEntry, type Validation } from './validate.ts';

/*
 * A cache of what `check` (and the build's loader) found in each file, so a library of thousands
 * of post-mortems is not parsed and linted again when only a few files changed: on 10,000 files a
 * cold check takes about 10 s on two cores, a warm one about 3 s (docs/performance.md).
 *
 * A result is reused only when everything it depends on is the same: the file's text and path, the
 * settings file, the names the blameless check looks for (lint only), and the code that computed
 * it (every source file of the validation core, the schemas and the domain, the lockfile and the
 * Node version). A stale cache therefore cannot change an answer; it can only be slower.
 * HINDSIGHT_NO_CACHE=1 switches it off. It lives in HINDSIGHT_CACHE_DIR when that is set (each test
 * build has its own), else in node_modules/.cache/hindsight/.
 */

const VERSION = 1;
const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');

interface FileRecord {
  problems: Problem[];
  entry: { id: string; data: Postmortem } | null;
  /** Lint problems for one set of names (the latest). */
  lint?: { names: string; problems: Problem[] };
}

interface CacheFile {
  version: number;
  context: string;
  files: Record<string, FileRecord>;
}

export class CheckCache {
  private readonly used = new Map<string, FileRecord>();
  private readonly keys = new WeakMap<Source, string>();
  private changed = false;

  private readonly path: string;
  private readonly context: string;
  private readonly stored: Record<string, FileRecord>;

  private constructor(path: string, context: string, stored: Record<string, FileRecord>) {
    this.path = path;
    this.context = context;
    this.stored = stored;
  }

  /** The cache for a library with this settings text, or undefined when caching is off. */
  static open(settingsText: string | undefined, env: NodeJS.ProcessEnv = process.env): CheckCache | undefined {
    if (env.HINDSIGHT_NO_CACHE === '1') return undefined;
    // V8's own serialisation: four times faster to write than JSON for a library's results (the
    // Node version is part of the context, so a file is never read by another V8).
    const path = env.HINDSIGHT_CACHE_DIR ? join(resolve(env.HINDSIGHT_CACHE_DIR), 'hindsight-check.v8') : join(ROOT, 'node_modules/.cache/hindsight/check.v8');
    const context = hash(`${VERSION}\0${process.version}\0${codeVersion()}\0${settingsText ?? '(no settings.yaml)'}`);
    let stored: Record<string, FileRecord> = {};
    try {
      const file = deserialize(readFileSync(path)) as CacheFile;
      if (file.version === VERSION && file.context === context) stored = file.files;
    } catch {
      // No cache yet, or an unreadable one: start empty.
    }
    return new CheckCache(path, context, stored);
  }

  /** Whether nothing is stored for this library and code: every file is new. */
  isEmpty(): boolean {
    return Object.keys(this.stored).length === 0;
  }

  /** Whether a result is stored for this path and text. */
  holds(file: string, text: string): boolean {
    return textKey(file, text) in this.stored;
  }

  /** validateFile, or its stored result for the same path and text. */
  validate(file: string, text: string, validate: () => Validation<ValidEntry> & { source: Source }): Validation<ValidEntry> & { source: Source } {
    const key = textKey(file, text);
    const record = this.stored[key];
    if (record) {
      this.used.set(key, record);
      // Nothing is parsed until something reads it: a cached file usually needs only its text.
      const source = readSource(file, text);
      this.keys.set(source, key);
      return { source, problems: record.problems, value: record.entry ? { file, id: record.entry.id, data: record.entry.data, source } : undefined };
    }
    const result = validate();
    this.used.set(key, { problems: result.problems, entry: result.value ? { id: result.value.id, data: result.value.data } : null });
    this.keys.set(result.source, key);
    this.changed = true;
    return result;
  }

  /** The linters' stored problems for a source and names, if any. */
  lintResult(source: Source, names: readonly string[]): Problem[] | undefined {
    const key = this.keys.get(source);
    const record = key ? this.used.get(key) : undefined;
    return record?.lint?.names === hash(names.join('\n')) ? record.lint.problems : undefined;
  }

  /** Remembers the linters' problems for a source and names. */
  storeLint(source: Source, names: readonly string[], problems: Problem[]): void {
    const key = this.keys.get(source);
    const record = key ? this.used.get(key) : undefined;
    if (!record) return;
    record.lint = { names: hash(names.join('\n')), problems };
    this.changed = true;
  }

  /** Writes what this run used (and nothing older), atomically; a failure to write is not an error. */
  save(): void {
    if (!this.changed && this.used.size === Object.keys(this.stored).length) return;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      const temporary = `${this.path}.${process.pid}.tmp`;
      const file: CacheFile = { version: VERSION, context: this.context, files: Object.fromEntries(this.used) };
      writeFileSync(temporary, serialize(file));
      renameSync(temporary, this.path);
    } catch {
      // A read-only checkout or a full disk makes the next run slower, not wrong.
    }
  }
}

/** validateFile through the cache when there is one. */
export function cachedValidate(cache: CheckCache | undefined): typeof validateFile {
  if (!cache) return validateFile;
  return (file, text, settings) => cache.validate(file, text, () => validateFile(file, text, settings));
}

let code: string | undefined;

/**
 * A hash of the code whose results are cached: the validation core, schemas, domain, the narrative
 * renderer, the lockfile.
 */
export function codeVersion(): string {
  if (code) return code;
  const digest = createHash('sha1');
  const files: string[] = [];
  for (const folder of ['src/validation', 'src/schemas', 'src/domain', 'src/rendering']) {
    const path = join(ROOT, folder);
    if (!existsSync(path)) continue;
    for (const item of readdirSync(path, { recursive: true, withFileTypes: true })) {
      if (item.isFile() && item.name.endsWith('.ts') && !item.name.endsWith('.test.ts')) files.push(join(item.parentPath, item.name));
    }
  }
  for (const file of ['src/settings.ts', 'package-lock.json', 'node_modules/.package-lock.json']) if (existsSync(join(ROOT, file))) files.push(join(ROOT, file));
  for (const file of files.sort()) digest.update(file.slice(ROOT.length)).update('\0').update(readFileSync(file)).update('\0');
  code = digest.digest('hex');
  return code;
}

/** The key of the latest text of each path: a check asks for it more than once (the cache, and the comparison with what the helper thread read). */
const latest = new Map<string, { text: string; key: string }>();

/** What a file's results are stored under: its path and text. */
export function textKey(file: string, text: string): string {
  const known = latest.get(file);
  if (known?.text === text) return known.key;
  const key = hash(`${file}\0${text}`);
  latest.set(file, { text, key });
  return key;
}

function hash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}
