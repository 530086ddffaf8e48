import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readDataStoreModule, splitDataStoreModule } from './data-store-module.ts';

/** Runs a module body `export default <expression>` and returns the expression's value. */
const evaluate = (code: string): unknown => new Function(code.replace(/^export default /, 'return '))();
const moduleOf = (json: string) => `export default JSON.parse(${JSON.stringify(json)})`;

describe('splitting the data store module', () => {
  const data = JSON.stringify([['Map', 1], 'postmortems', { title: 'EU checkout’s 502s – “again”', body: 'line\n"quoted" \\ 😀 end' }]);

  it.each([1, 2, 3, 7, 64])('gives the same data in pieces of %i characters', (piece) => {
    const split = splitDataStoreModule(moduleOf(data), piece)!;
    expect(split).toMatch(/^export default JSON\.parse\(\[/);
    expect(split.split('\n').length).toBeGreaterThan(1);
    expect(evaluate(split)).toEqual(JSON.parse(data));
  });

  it('never cuts the two halves of a character such as 😀 apart', () => {
    const json = JSON.stringify('a😀b😀');
    for (let piece = 1; piece < json.length; piece++) {
      const pieces = evaluate(splitDataStoreModule(moduleOf(json), piece)!.replace(/\.join\(''\)\)$/, '').replace(/^export default JSON\.parse\(/, 'export default ')) as string[];
      for (const text of pieces) expect(text.isWellFormed()).toBe(true);
    }
  });

  it.each([
    ['an empty store', 'export default new Map()'],
    ['a store smaller than one piece', moduleOf('[1]')],
    ['another shape', `export default{"postmortems":[(await import("a.txt"))]}`],
  ])('leaves %s alone', (_name, code) => {
    expect(splitDataStoreModule(code, 4)).toBeUndefined();
  });
});

describe('reading the data store module from its file', () => {
  const data = JSON.stringify([['Map', 1], 'postmortems', { title: 'EU checkout’s 502s – “again”', body: 'line\n"quoted" \\ 😀 end' }]);

  it('gives, when loaded, the data of the store file the module was made from', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'hindsight-store-'));
    const store = join(folder, 'data-store.json');
    writeFileSync(store, data);
    const code = readDataStoreModule(moduleOf(data), store)!;
    // The module carries the file's name, not its text.
    expect(code).not.toContain('checkout');
    const module = join(folder, 'module.mjs');
    writeFileSync(module, code);
    expect((await import(pathToFileURL(module).href)).default).toEqual(evaluate(moduleOf(data)));
  });

  it.each([
    ['an empty store', 'export default new Map()'],
    ['another shape', `export default{"postmortems":[(await import("a.txt"))]}`],
  ])('leaves %s alone', (_name, code) => {
    expect(readDataStoreModule(code, '/cache/data-store.json')).toBeUndefined();
  });
});
