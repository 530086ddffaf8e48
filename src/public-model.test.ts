import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// docs/site.md#public-build: a public build redacts in one place, the model (src/domain/visibility.ts), and
// pages and components can reach the post-mortems through that model only, so they cannot show what it
// withholds. The whole-output scan of tests/public.test.ts stays as the net.

const SRC = import.meta.dirname;
const files = (dir: string) =>
  readdirSync(join(SRC, dir), { recursive: true, withFileTypes: true })
    .filter((item) => item.isFile() && /\.(astro|ts)$/.test(item.name) && !item.name.endsWith('.test.ts'))
    .map((item) => join(item.parentPath, item.name));
const arranging = ['pages', 'components', 'layouts'].flatMap(files);

describe('pages and components get the public model only', () => {
  it('finds them', () => {
    expect(arranging.length).toBeGreaterThan(20);
  });

  it.each(arranging.map((path) => [relative(SRC, path)]))('%s reads no post-mortem around the model and asks no visibility', (path) => {
    const text = readFileSync(join(SRC, path), 'utf8');
    // The collection, its entries and the raw settings file are read by src/library.ts alone.
    expect(text).not.toMatch(/from ['"]astro:content['"]|getCollection\(|readSettings\(|ingestion\/load/);
    // Nothing to leave out, so nothing to ask: no branch on the build's visibility.
    expect(text).not.toMatch(/\.public\b|public: |isPublic|HINDSIGHT_VISIBILITY/);
  });
});
