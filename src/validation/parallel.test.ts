import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkLibrary } from './load.ts';

// Linting in worker threads must give exactly what linting in one thread gives, in the same order.
const FIXTURE = join(import.meta.dirname, '../../tests/fixtures/basic');
const env = { ...process.env };

afterEach(() => {
  process.env = { ...env };
});

describe('lintAll in worker threads', () => {
  it('reports the same problems, in the same order, as one thread', async () => {
    const work = mkdtempSync(join(tmpdir(), 'hindsight-parallel-'));
    try {
      cpSync(FIXTURE, join(work, 'content'), { recursive: true });
      const file = join(work, 'content/postmortems/2026/cdn-config-push.mdx');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/\n## /, '\nIt was human error; the key was AKIAIOSFODNN7EXAMPLE.\n\n## '));
      process.env.HINDSIGHT_NO_CACHE = '1';
      process.env.HINDSIGHT_LINT_WORKERS = '1';
      const one = await checkLibrary(join(work, 'content'), work);
      process.env.HINDSIGHT_LINT_WORKERS = '2';
      const two = await checkLibrary(join(work, 'content'), work);
      expect(one.problems.some((p) => p.rule === 'blame-phrase')).toBe(true);
      expect(one.problems.some((p) => p.rule === 'secret')).toBe(true);
      expect(two.problems).toEqual(one.problems);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
