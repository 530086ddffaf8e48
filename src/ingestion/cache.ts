import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writevSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Postmortem } from '../schemas/postmortem.ts';
import type { Problem } from '../check/problem.ts';
import { readSource, type Source } from '../check/source.ts';
import { validateFile, type ValidEntry, type Validation } from '../check/validate.ts';
import { type Analysed, type Features, type PackedFeatures } from '../domain/similar.ts';

/*
 * A cache of what `check` (and the build's loader) found in each file, so a library of thousands
 * of post-mortems is not parsed and linted again when only a few files changed: on 10,000 files a
 * cold check takes about 9 s on two cores, a warm one about 3 s (docs/performance.md).
 *
 * A result is reused only when everything it depends on is the same: the file's text and path, the
 * settings file, the day (dates are checked against today), the names the blameless check looks for (lint only), and the code that computed
 * it (every module `check` and the build's loader import, found by codeVersion; the lockfiles and
 * the Node version). A stale cache therefore cannot change an answer; it can only be slower.
 * HINDSIGHT_NO_CACHE=1 switches it off. It lives in HINDSIGHT_CACHE_DIR when that is set (each test
 * build has its own), else in node_modules/.cache/hindsight/.
 */

const VERSION = 3;
const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');

interface FileRecord {
  problems: Problem[];
  entry: { id: string; data: Postmortem } | null;
}

/** The linters' problems for a file and one set of names (the latest). */
interface LintRecord {
  names: string;
  problems: Problem[];
}

/**
 * The file: a 4-byte length, then the header (v8-serialised), then the validation results, which
 * are most of it (every post-mortem's data) and are serialised on their own as soon as validation
 * ends (`prepare`), while the other thread lints: the end of a check waits only for the rest.
 */
interface Header {
  version: number;
  context: string;
  lint: Record<string, LintRecord>;
  /** The words of every file below, each once: a file's terms are places in it. */
  vocabulary?: string[];
  /** Each file's words for finding similar post-mortems (src/domain/similar.ts). */
  similar?: Record<string, SimilarRecord>;
}

interface SimilarRecord {
  terms: Int32Array;
  counts: Float32Array;
}

export class CheckCache {
  private readonly used = new Map<string, FileRecord>();
  private readonly lints = new Map<string, LintRecord>();
  private readonly similars = new Map<string, SimilarRecord>();
  private readonly keys = new WeakMap<Source, string>();
  private changed = false;
  /** `used`, serialised by prepare() (dropped when it changes). */
  private prepared?: Buffer;

  private readonly path: string;
  private readonly context: string;
  private readonly stored: Record<string, FileRecord>;
  private readonly storedLints: Record<string, LintRecord>;
  private readonly storedSimilars: Record<string, SimilarRecord>;
  private readonly vocabulary: string[];
  private vocabularyIds?: Map<string, number>;

  private constructor(path: string, context: string, stored: Record<string, FileRecord>, storedLints: Record<string, LintRecord>, storedSimilars: Record<string, SimilarRecord> = {}, vocabulary: string[] = []) {
    this.path = path;
    this.context = context;
    this.stored = stored;
    this.storedLints = storedLints;
    this.storedSimilars = storedSimilars;
    this.vocabulary = vocabulary;
  }

  /** The cache for a library with this settings text and today's date, or undefined when caching is off. */
  static open(settingsText: string | undefined, today = '', env: NodeJS.ProcessEnv = process.env): CheckCache | undefined {
    if (env.HINDSIGHT_NO_CACHE === '1') return undefined;
    // V8's own serialisation: four times faster to write than JSON for a library's results (the
    // Node version is part of the context, so a file is never read by another V8).
    const path = env.HINDSIGHT_CACHE_DIR ? join(resolve(env.HINDSIGHT_CACHE_DIR), 'hindsight-check.v8') : join(ROOT, 'node_modules/.cache/hindsight/check.v8');
    const context = hash(`${VERSION}\0${process.version}\0${codeVersion()}\0${today}\0${settingsText ?? '(no settings.yaml)'}`);
    try {
      const bytes = readFileSync(path);
      const length = bytes.readUInt32LE(0);
      const header = deserialize(bytes.subarray(4, 4 + length)) as Header;
      if (header.version === VERSION && header.context === context) {
        return new CheckCache(path, context, deserialize(bytes.subarray(4 + length)) as Record<string, FileRecord>, header.lint, header.similar, header.vocabulary);
      }
    } catch {
      // No cache yet, or an unreadable one: start empty.
    }
    return new CheckCache(path, context, {}, {}, {});
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
      if (this.storedLints[key]) this.lints.set(key, this.storedLints[key]);
      // Nothing is parsed until something reads it: a cached file usually needs only its text.
      const source = readSource(file, text);
      this.keys.set(source, key);
      return { source, problems: record.problems, value: record.entry ? { file, id: record.entry.id, data: record.entry.data, source } : undefined };
    }
    const result = validate();
    this.used.set(key, { problems: result.problems, entry: result.value ? { id: result.value.id, data: result.value.data } : null });
    this.keys.set(result.source, key);
    this.changed = true;
    this.prepared = undefined;
    return result;
  }

  /** The linters' stored problems for a source and names, if any. */
  lintResult(source: Source, names: readonly string[]): Problem[] | undefined {
    const key = this.keys.get(source);
    const record = key ? this.lints.get(key) : undefined;
    return record?.names === hash(names.join('\n')) ? record.problems : undefined;
  }

  /** Remembers the linters' problems for a source and names. */
  storeLint(source: Source, names: readonly string[], problems: Problem[]): void {
    const key = this.keys.get(source);
    if (!key || !this.used.has(key)) return;
    this.lints.set(key, { names: hash(names.join('\n')), problems });
    this.changed = true;
  }

  /**
   * A file's features for similarity (src/domain/similar.ts), stored for its path and text; the
   * cached ones come back packed. Kept only for files this run validated.
   */
  similarFeatures(file: string, text: string, compute: () => Analysed): { features: Features | PackedFeatures; forms?: Map<string, string> } {
    const key = textKey(file, text);
    const stored = this.storedSimilars[key];
    if (stored) {
      this.similars.set(key, stored);
      return { features: { vocabulary: this.vocabulary, terms: stored.terms, counts: stored.counts } };
    }
    const analysed = compute();
    if (!this.vocabularyIds) this.vocabularyIds = new Map(this.vocabulary.map((term, id) => [term, id]));
    const ids = this.vocabularyIds;
    const terms = Int32Array.from(analysed.features.keys(), (term) => {
      let id = ids.get(term);
      if (id === undefined) ids.set(term, (id = this.vocabulary.push(term) - 1));
      return id;
    });
    this.similars.set(key, { terms, counts: Float32Array.from(analysed.features.values()) });
    this.changed = true;
    return analysed;
  }

  /** Serialises the validation results ahead of save(): call it once validation is done. */
  prepare(): void {
    if (!this.unchanged()) this.prepared ??= serialize(Object.fromEntries(this.used));
  }

  private unchanged(): boolean {
    return !this.changed && this.used.size === Object.keys(this.stored).length;
  }

  /** Writes what this run used (and nothing older), atomically; a failure to write is not an error. */
  save(): void {
    if (this.unchanged()) return;
    try {
      this.prepare();
      mkdirSync(dirname(this.path), { recursive: true });
      const temporary = `${this.path}.${process.pid}.tmp`;
      // A run that did not look for similar post-mortems keeps what is stored for the files it read.
      for (const key of this.used.keys()) if (!this.similars.has(key) && this.storedSimilars[key]) this.similars.set(key, this.storedSimilars[key]);
      const header = serialize({ version: VERSION, context: this.context, lint: Object.fromEntries(this.lints), vocabulary: this.vocabulary, similar: Object.fromEntries(this.similars) } satisfies Header);
      const length = Buffer.alloc(4);
      length.writeUInt32LE(header.length);
      // Written piece by piece: copying 40 MB into one buffer first costs more than writing it.
      const fd = openSync(temporary, 'w');
      try {
        const pieces = [length, header, this.prepared!];
        if (writevSync(fd, pieces) !== pieces.reduce((sum, piece) => sum + piece.length, 0)) throw new Error('short write');
      } finally {
        closeSync(fd);
      }
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
 * Where every cached answer is computed from: `check` (load.ts), the build's loader, and the
 * collection that parses what the loader did not. Everything they import is found from here.
 */
const ENTRIES = ['src/ingestion/load.ts', 'src/loader/loader.ts', 'src/content.config.ts'];

/** The installed packages: what the project asked for, and what npm actually put in node_modules. */
const LOCKFILES = ['package-lock.json', 'node_modules/.package-lock.json'];

/**
 * A relative specifier in `import … from`, `export … from`, `import '…'`, `import('…')` or
 * `new URL('…', import.meta.url)` (a worker's or a data file's address). A false match in a
 * comment can only add a file to the hash, never leave one out.
 */
const RELATIVE = /(?:\bfrom\s*|\bimport\s*\(?\s*|\bnew URL\(\s*)(['"])(\.\.?\/[^'"\n]+)\1/g;

/**
 * Every source file whose change can change a cached answer: the entry modules and everything
 * they import, transitively (package imports are covered by the lockfiles). Found by scanning,
 * not listed, so a new, moved or renamed module is hashed the day it is imported. Returns the
 * files with their text; a file that is imported but missing is kept with no text.
 */
export function codeFiles(root = ROOT): Map<string, Buffer | undefined> {
  const files = new Map<string, Buffer | undefined>();
  const queue = ENTRIES.map((entry) => join(root, entry));
  for (const file of queue) {
    if (files.has(file)) continue;
    const text = existsSync(file) ? readFileSync(file) : undefined;
    files.set(file, text);
    if (!text || !/\.[cm]?[jt]sx?$/.test(file)) continue;
    for (const match of text.toString('utf8').matchAll(RELATIVE)) queue.push(resolve(dirname(file), match[2]));
  }
  return files;
}

/**
 * A hash of the code whose results are cached (codeFiles), the installed packages, and the Node
 * version with its time-zone data, which decides the offset of a local time in a named zone.
 */
export function codeVersion(root = ROOT): string {
  if (code && root === ROOT) return code;
  const digest = createHash('sha1').update(`${process.version}\0${process.versions.tz ?? ''}\0`);
  const files = codeFiles(root);
  for (const file of LOCKFILES) files.set(join(root, file), existsSync(join(root, file)) ? readFileSync(join(root, file)) : undefined);
  // A missing file is hashed as missing: its arrival must change the version too.
  for (const [file, text] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) digest.update(relative(root, file)).update('\0').update(text ?? '(missing)').update('\0');
  const version = digest.digest('hex');
  if (root === ROOT) code = version;
  return version;
}

/** The key of the latest text of each path: a check asks for it more than once (the cache, and the comparison with what the helper thread read). */
const latest = new Map<string, { text: string; key: string }>();

/** Lets go of the texts textKey remembers, once a check is done: a build would hold every file's text to its end. */
export function forgetTextKeys(): void {
  latest.clear();
}

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
