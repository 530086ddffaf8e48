import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { checkToday, validateFile, validateLibrary, validateSettings, type LibraryValidation } from '../check/validate.ts';
import { findSecretsAhead, lintFile, lintSettingsFile, personNames, redactSecretEchoes, rememberSecrets } from '../check/lint.ts';
import { CheckCache, cachedValidate, forgetTextKeys, textKey } from './cache.ts';
import { CheckHelper, type Share, type ValidatedFile } from './helper.ts';
import { readSource, type Source } from '../check/source.ts';
import { listContent } from './files.ts';
import { imageProblems } from './images.ts';
import { isPublicBuild, publicLeakProblems } from '../check/public.ts';
import type { Problem } from '../check/problem.ts';
import type { Settings } from '../schemas/settings.ts';
import { similarInLibrary, type SimilarReport } from '../check/similar.ts';
import { applyLevels } from '../check/lint.ts';

/** The content root: HINDSIGHT_CONTENT or `content/`, as an absolute path. */
export function contentRoot(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  return resolve(cwd, env.HINDSIGHT_CONTENT || 'content');
}

/** Every post-mortem file under a folder, sorted, as absolute paths: the list check and build share (files.ts). */
export function listPostmortems(dir: string): string[] {
  return listContent(dir).postmortems;
}

/** A library's files: as problems name them (relative to the working folder), and where they are. */
interface LibraryFiles {
  settings: { file: string; path: string };
  files: { file: string; path: string }[];
  /** The files to report on, when only some were named (settings.yaml always). */
  wanted?: Set<string>;
  /** What is wrong with the other files under postmortems/ (files.ts). */
  problems: Problem[];
}

/** A library as read from disk. */
interface LibraryText {
  settings: { file: string; text?: string };
  files: { file: string; path: string; text: string }[];
  wanted?: Set<string>;
  problems: Problem[];
}

function libraryFiles(root: string, cwd: string, only?: readonly string[]): LibraryFiles {
  const shown = (path: string) => relative(cwd, path) || path;
  const content = listContent(join(root, 'postmortems'));
  const listed = content.postmortems;
  // A file named on the command line is checked with the library even when it lives elsewhere.
  const extra = (only ?? []).map((file) => resolve(cwd, file)).filter((file) => !listed.includes(file));
  const settingsPath = join(root, 'settings.yaml');
  return {
    settings: { file: shown(settingsPath), path: settingsPath },
    files: [...listed, ...extra].map((path) => ({ file: shown(path), path })),
    wanted: only && new Set([...only.map((file) => shown(resolve(cwd, file))), shown(settingsPath)]),
    problems: content.problems.map(({ path, message, severity }) => ({ file: shown(path), line: 1, column: 1, field: '(file)', message, severity, rule: 'content-file' })),
  };
}

function readLibrary(library: LibraryFiles, settings = { file: library.settings.file, text: readSettingsText(library.settings.path) }): LibraryText {
  return { settings, files: library.files.map((file) => ({ ...file, text: readFileSync(file.path, 'utf8') })), wanted: library.wanted, problems: library.problems };
}

function validateRead(library: LibraryText, validate: typeof validateFile): LibraryValidation & { files: string[] } {
  const result = validateLibrary(library.settings, library.files, validate);
  result.problems.push(...library.problems);
  const wanted = library.wanted;
  if (wanted) {
    result.problems = result.problems.filter((problem) => wanted.has(problem.file));
    result.sources = result.sources.filter((source) => wanted.has(source.file));
  }
  return { ...result, files: library.files.map((file) => file.path) };
}

/**
 * Reads the content root from disk and validates all of it (schema and rules, no linters).
 * `only` limits the report to some files; the whole library is still read, since ids and
 * references span files. Paths in problems are relative to `cwd`.
 */
export function loadLibrary(root = contentRoot(), cwd = process.cwd(), only?: readonly string[], cache?: CheckCache): LibraryValidation & { files: string[] } {
  return validateRead(readLibrary(libraryFiles(root, cwd, only)), cachedValidate(cache));
}

/** Below this many files to work on, a helper thread costs more to start than it saves. */
const HELPER_FROM = 300;

/**
 * Everything `loadLibrary` checks, plus the linters (secrets, MDX syntax, blameless, warnings).
 * With `helper` (the default) and a second core, a helper thread shares the files the cache does
 * not hold (helper.ts); the build turns it off, its other core renders the narratives.
 */
export async function checkLibrary(
  root = contentRoot(),
  cwd = process.cwd(),
  only?: readonly string[],
  {
    helper: useHelper = true,
    helperFrom = HELPER_FROM,
    similar = false,
  }: {
    helper?: boolean;
    helperFrom?: number;
    /** Also find the earlier post-mortems like the files named (all, with none named), and warn of possible repeats (docs/similar.md#while-writing). */
    similar?: boolean;
  } = {},
): Promise<LibraryValidation & { files: string[]; similar?: SimilarReport[] }> {
  const listed = libraryFiles(root, cwd, only);
  // The helper thread loads its code while this one reads the library.
  const helper = useHelper && listed.files.length >= helperFrom && availableParallelism() > 1 ? CheckHelper.start() : undefined;
  try {
    const settingsFile = { file: listed.settings.file, text: readSettingsText(listed.settings.path) };
    // Results of unchanged files are reused (cache.ts): a warm check of 10,000 files takes seconds.
    const settings = validateSettings(settingsFile.file, settingsFile.text).value;
    // Dates are checked against today (validate.ts), so a result holds for that day only.
    const cache = CheckCache.open(settingsFile.text, settings && checkToday(settings));
    // With nothing stored for this library (a first run, new settings or code) every file is new,
    // and the helper starts on them while this thread reads them; otherwise it shares what is new.
    const early = helper && settings && (!cache || cache.isEmpty()) ? helper.validate({ settings: settingsFile, files: listed.files }) : undefined;
    const library = readLibrary(listed, settingsFile);
    const fresh = early ? library.files : settings ? library.files.filter((file) => !cache?.holds(file.file, file.text)) : [];
    const shared = early ?? (helper && settings && fresh.length >= helperFrom ? helper.validate({ settings: settingsFile, files: fresh.map(({ file, path }) => ({ file, path })) }) : undefined);

    const validate = cachedValidate(cache);
    const ready = shared && settings ? await validateShared(shared, fresh, settings, validate, cache) : new Map<string, FileValidation>();
    // Whatever neither thread has validated yet (all of it without a helper) is validated here.
    const result = validateRead(library, (file, text, settings) => ready.get(file) ?? validate(file, text, settings));
    // settings.yaml is scanned for secrets too, valid or not (its own messages may quote one).
    const settingsLint = await lintSettingsFile(settingsFile.file, settingsFile.text);
    result.problems.push(...settingsLint.problems);
    if (!result.settings) return { ...result, problems: await redactSecretEchoes(result.problems, settingsLint.sources) };

    const names = personNames(result.settings, result.entries);
    const byFile = new Map(result.entries.map((entry) => [entry.file, entry]));
    const lintHere = (source: Source) => lintFile(source, byFile.get(source.file), result.settings!, names);
    const lintOf = new Map<Source, Problem[]>();
    const toLint = result.sources.filter((source) => {
      const stored = cache?.lintResult(source, names);
      if (stored) lintOf.set(source, stored);
      return !stored;
    });
    // The validation results are written out now, while the helper lints (or finds secrets).
    cache?.prepare();
    if (shared && helper) await lintShared({ helper, validated: shared, fresh, ready, toLint, names, lintHere, lintOf });
    for (const source of toLint) {
      // Whatever the helper did not deliver (none, or a thread that failed) is linted here.
      if (!lintOf.has(source)) lintOf.set(source, await lintHere(source));
      cache?.storeLint(source, names, lintOf.get(source)!);
    }
    for (const source of result.sources) for (const problem of lintOf.get(source)!) result.problems.push(problem);
    let reports: SimilarReport[] | undefined;
    if (similar) {
      const found = similarInLibrary(result.entries, library.wanted, result.settings, (entry, compute) => cache?.similarFeatures(entry.file, entry.source.text, compute) ?? compute());
      reports = found.reports;
      for (const problem of applyLevels(found.problems, result.settings)) result.problems.push(problem);
    }
    cache?.save();
    // Whether an image beside a file exists is not a fact about the file's text: never cached.
    const pathOf = new Map(library.files.map(({ file, path }) => [file, path]));
    for (const problem of imageProblems(result.sources, pathOf, root)) result.problems.push(problem);
    if (isPublicBuild()) for (const problem of publicLeakProblems(result.entries)) result.problems.push(problem);
    // A schema message may quote a field's value: never print a secret pasted there in full.
    result.problems = await redactSecretEchoes(result.problems, [...result.sources, ...settingsLint.sources]);
    return reports ? { ...result, similar: reports } : result;
  } finally {
    helper?.close();
    forgetTextKeys();
  }
}

type FileValidation = ReturnType<typeof validateFile>;

/** Validates the files of a share from the back while the helper works from the front; every result, by file. */
async function validateShared(
  share: Share<ValidatedFile>,
  fresh: readonly { file: string; text: string }[],
  settings: Settings,
  validate: typeof validateFile,
  cache: CheckCache | undefined,
): Promise<Map<string, FileValidation>> {
  const ready = new Map<string, FileValidation>();
  for (let index = fresh.length - 1; index >= 0 && share.take(index); index--) ready.set(fresh[index].file, validate(fresh[index].file, fresh[index].text, settings));
  // Until the helper's results arrive, find the secrets in the files this thread will lint.
  await findSecretsAhead([...ready.values()].map((result) => result.source), share.results);
  for (const [index, found] of (await share.results) ?? []) {
    const { file, text } = fresh[index];
    // A file that changed since this thread read it is left to be validated here, as read here.
    if (found.key !== textKey(file, text)) continue;
    ready.set(file, cache?.validate(file, text, () => fromHelper(file, text, found)) ?? fromHelper(file, text, found));
  }
  return ready;
}

/**
 * Lints the files of the helper's share with it, from opposite ends, each thread starting with the
 * files it validated itself; the other files to lint (the names changed) first, here.
 */
async function lintShared({ helper, validated, fresh, ready, toLint, names, lintHere, lintOf }: {
  helper: CheckHelper;
  validated: Share<ValidatedFile>;
  fresh: readonly { file: string }[];
  ready: ReadonlyMap<string, FileValidation>;
  toLint: readonly Source[];
  names: readonly string[];
  lintHere: (source: Source) => Promise<Problem[]>;
  /** Filled in: the problems of each file linted. */
  lintOf: Map<Source, Problem[]>;
}): Promise<void> {
  const position = new Map(fresh.map(({ file }, index) => [file, index]));
  const byHelper = new Set([...((await validated.results) ?? []).keys()].filter((index) => ready.has(fresh[index].file)));
  const theirs = toLint.filter((source) => position.has(source.file)).sort((a, b) => Number(byHelper.has(position.get(b.file)!)) - Number(byHelper.has(position.get(a.file)!)));
  if (!theirs.length) return;
  const share = helper.lint(theirs.map((source) => position.get(source.file)!), names);
  const inShare = new Set(theirs);
  for (const source of toLint) if (!inShare.has(source)) lintOf.set(source, await lintHere(source));
  for (let index = theirs.length - 1; index >= 0 && share.take(index); index--) lintOf.set(theirs[index], await lintHere(theirs[index]));
  for (const [index, found] of (await share.results) ?? []) {
    if (found.key !== textKey(theirs[index].file, theirs[index].text)) continue;
    rememberSecrets(theirs[index], found.secrets);
    lintOf.set(theirs[index], found.problems);
  }
}

/** A helper thread's result for a file, as validateFile would have returned it. */
function fromHelper(file: string, text: string, found: ValidatedFile): ReturnType<typeof validateFile> {
  const source = readSource(file, text);
  return { source, problems: found.problems, value: found.entry ? { file, id: found.entry.id, data: found.entry.data, source } : undefined };
}

function readSettingsText(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}
