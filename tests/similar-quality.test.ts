// The labelled set of docs/similar.md#how-well-it-works: post-mortems known to repeat earlier ones,
// and whether the earlier one is among the later one's first three suggestions (recall@3). The
// DFDS archive's families were read from the post-mortems; the example library and the fixtures
// declare theirs with repeatOf; a generated library records its repeats, most of them unlinked.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateLibrary } from '../scripts/lib/generate.ts';
import { SUGGEST_SCORE } from '../src/domain/similar.ts';
import { dfdsLibrary, generatedLibrary, indexOf, libraryFolder, recallAt, type LabelledLibrary } from './helpers/similar-set.ts';

const HERE = import.meta.dirname;
const generated = mkdtempSync(join(tmpdir(), 'hindsight-similar-'));
afterAll(() => rmSync(generated, { recursive: true, force: true }));
for (const file of generateLibrary({ count: 400, seed: 11 })) {
  mkdirSync(dirname(join(generated, file.path)), { recursive: true });
  writeFileSync(join(generated, file.path), file.text);
}

const libraries: LabelledLibrary[] = [
  dfdsLibrary(join(HERE, 'fixtures/dfds')),
  libraryFolder('example library', join(HERE, '../content')),
  libraryFolder('basic fixture', join(HERE, 'fixtures/basic')),
  libraryFolder('analytics fixture', join(HERE, 'fixtures/analytics')),
  generatedLibrary('generated, 400, seed 11', generated),
];

describe('similar post-mortems on the labelled set', () => {
  const results = libraries.map((library) => ({ library, ...recallAt(library, indexOf(library), 3, { threshold: SUGGEST_SCORE }) }));

  it('has the labelled pairs it is meant to have', () => {
    expect(results.map(({ library, total }) => [library.name, total])).toEqual([
      ['DFDS archive', 7],
      ['example library', 1],
      ['basic fixture', 1],
      ['analytics fixture', 1],
      ['generated, 400, seed 11', 39],
    ]);
  });

  it('finds the earlier post-mortem among the first three suggestions for at least 9 in 10 (recall@3)', () => {
    const found = results.reduce((sum, result) => sum + result.found, 0);
    const total = results.reduce((sum, result) => sum + result.total, 0);
    expect(found / total, JSON.stringify(results.map(({ library, missed }) => [library.name, missed]))).toBeGreaterThanOrEqual(0.9);
  });

  it('finds every family of the DFDS archive', () => {
    expect(results[0].missed).toEqual([]);
  });
});
