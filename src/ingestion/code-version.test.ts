import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { codeFiles, codeVersion } from './cache.ts';

// The check cache and the build's stored entries are reused while codeVersion() is unchanged, so
// it must change whenever any code that computes a cached answer changes, however deep the import
// and whatever the module is called. These tests fail if it misses a module.
const ROOT = resolve(import.meta.dirname, '../..');
const ENTRIES = ['src/ingestion/load.ts', 'src/loader/loader.ts', 'src/content.config.ts'];

function hashed(root = ROOT): string[] {
  return [...codeFiles(root)].filter(([, text]) => text !== undefined).map(([file]) => relative(root, file));
}

/** The import graph from the entries as TypeScript's own parser sees it (type-only imports too). */
function typescriptGraph(): Set<string> {
  const seen = new Set<string>();
  const queue = ENTRIES.map((entry) => join(ROOT, entry));
  for (const file of queue) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const { fileName } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (fileName.startsWith('.')) queue.push(resolve(dirname(file), fileName));
    }
  }
  return new Set([...seen].map((file) => relative(ROOT, file)));
}

/** The project files Node loads when the checker and the build's loader are imported. */
function loadedByNode(): Set<string> {
  const script = `
    import { registerHooks } from 'node:module';
    const seen = new Set();
    registerHooks({ resolve(specifier, context, next) { const result = next(specifier, context); seen.add(result.url); return result; } });
    for (const entry of ${JSON.stringify(ENTRIES.slice(0, 2).map((entry) => join(ROOT, entry)))}) await import(entry);
    console.log(JSON.stringify([...seen]));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  const urls = JSON.parse(run.stdout) as string[];
  return new Set(urls.filter((url) => url.startsWith('file:')).map((url) => relative(ROOT, fileURLToPath(url))).filter((file) => !file.startsWith('node_modules/')));
}

describe('the code version', () => {
  it('hashes every module the checker imports, however deep, and finds each one', () => {
    const files = codeFiles();
    expect([...files].filter(([, text]) => text === undefined).map(([file]) => relative(ROOT, file))).toEqual([]);
    // Reached only through other modules: load → lint → domain/lint/blameless → spans.
    expect(hashed()).toEqual(expect.arrayContaining(['src/ingestion/load.ts', 'src/domain/lint/spans.ts', 'src/core/time.ts', 'src/loader/prose-table.ts']));
    expect([...typescriptGraph()].filter((file) => !hashed().includes(file))).toEqual([]);
  });

  it('hashes every project file Node loads to run the checker and the loader', () => {
    const loaded = loadedByNode();
    expect(loaded.size).toBeGreaterThan(10);
    expect([...loaded].filter((file) => !hashed().includes(file))).toEqual([]);
  });

  it('starts from every module that uses the cache', () => {
    // A new user of CheckCache or codeVersion outside the graph would cache answers computed by
    // code nobody hashes: it must become an entry (ENTRIES in cache.ts) or be imported by one.
    const users = ['src', 'scripts']
      .flatMap((folder) => readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' }).map((file) => join(folder, file)))
      .filter((file) => /\.(ts|astro)$/.test(file) && !file.endsWith('.test.ts') && file !== 'src/ingestion/cache.ts')
      .filter((file) => /from '(\.\/|[^']*\/validation\/)cache\.ts'/.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(users.length).toBeGreaterThan(0);
    expect(users.filter((file) => !hashed().includes(file))).toEqual([]);
  });

  it('costs a few milliseconds', () => {
    codeVersion(`${ROOT}/.`);
    const start = performance.now();
    codeVersion(`${ROOT}/.`);
    // About 2 ms, most of it hashing the lockfiles; the bound leaves room for a busy machine.
    expect(performance.now() - start).toBeLessThan(50);
  });
});

describe('the code version of a copy of the project', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'hindsight-code-'));
    cpSync(join(ROOT, 'src'), join(root, 'src'), { recursive: true });
    cpSync(join(ROOT, 'package-lock.json'), join(root, 'package-lock.json'));
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('changes when a module reached only through others changes', () => {
    const before = codeVersion(root);
    appendFileSync(join(root, 'src/domain/lint/spans.ts'), '\n// changed\n');
    expect(codeVersion(root)).not.toBe(before);
  });

  it('changes when the checker starts to import a new file, and when that file changes', () => {
    const before = codeVersion(root);
    const extra = join(root, 'src/domain/lint/extra.ts');
    writeFileSync(extra, 'export const extra = 1;\n');
    // Not imported yet: it cannot change an answer.
    expect(codeVersion(root)).toBe(before);
    const rules = join(root, 'src/domain/lint/rules.ts');
    writeFileSync(rules, `import { extra } from './extra.ts';\n${readFileSync(rules, 'utf8')}\nexport const used = extra;\n`);
    const imported = codeVersion(root);
    expect(imported).not.toBe(before);
    expect(hashed(root)).toContain('src/domain/lint/extra.ts');
    writeFileSync(extra, 'export const extra = 2;\n');
    expect(codeVersion(root)).not.toBe(imported);
  });

  it('follows a renamed module to its new name', () => {
    const before = codeVersion(root);
    cpSync(join(root, 'src/domain/lint/spans.ts'), join(root, 'src/domain/lint/stretches.ts'));
    rmSync(join(root, 'src/domain/lint/spans.ts'));
    for (const file of [join(root, 'src/domain/lint/blameless.ts'), join(root, 'src/domain/lint/secrets.ts')]) {
      writeFileSync(file, readFileSync(file, 'utf8').replace("'./spans.ts'", "'./stretches.ts'"));
    }
    expect(hashed(root)).toContain('src/domain/lint/stretches.ts');
    expect(hashed(root)).not.toContain('src/domain/lint/spans.ts');
    const renamed = codeVersion(root);
    expect(renamed).not.toBe(before);
    appendFileSync(join(root, 'src/domain/lint/stretches.ts'), '\n// changed\n');
    expect(codeVersion(root)).not.toBe(renamed);
  });

  it('does not change for a page, a component or a style', () => {
    const before = codeVersion(root);
    appendFileSync(join(root, 'src/pages/index.astro'), '\n<!-- changed -->\n');
    expect(codeVersion(root)).toBe(before);
  });
});
