import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { HUGO_MISSING, hugoVersion } from './lib/bench-hugo.ts';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');

// A smoke run of the whole benchmark on a tiny library, so the script cannot rot: it generates,
// builds the full site and the bare baseline, runs check, and prints its table. The real benchmark
// (npm run bench) stays out of npm test: it takes minutes.
describe('npm run bench', () => {
  it('measures a small library end to end and prints the table', async () => {
    const work = mkdtempSync(join(tmpdir(), 'hindsight-bench-smoke-'));
    try {
      const { stdout } = await run(join(ROOT, 'node_modules/.bin/node'), [join(ROOT, 'scripts/bench.ts'), '--sizes', '20', '--runs', '1', '--work', work], {
        cwd: ROOT,
        maxBuffer: 16 * 1024 * 1024,
      });
      const row = stdout.split('\n').find((line) => line.startsWith('| 20 |'));
      expect(row, stdout).toBeDefined();
      const cells = row!.split('|').map((cell) => cell.trim());
      // | post-mortems | runs | build | peak RSS | pages/s | Pagefind | dist | index | check | check warm | bare | bare RSS | overhead |
      expect(Number(cells[2])).toBe(1);
      expect(Number.parseFloat(cells[3])).toBeGreaterThan(0);
      expect(Number(cells[4])).toBeGreaterThan(50);
      expect(Number(cells[5])).toBeGreaterThan(0);
      expect(Number.parseFloat(cells[6])).toBeGreaterThanOrEqual(0);
      expect(Number.parseFloat(cells[9])).toBeGreaterThan(0);
      expect(Number.parseFloat(cells[10])).toBeGreaterThan(0);
      expect(Number.parseFloat(cells[11])).toBeGreaterThan(0);
      expect(Number.parseFloat(cells[13])).toBeGreaterThan(0);
      expect(stdout).toMatch(/overhead over the bare build/);
      expect(stdout).toMatch(/20: largest HTML page \d+ KB \(\S+\.html\)/);
      // The Hugo + Pagefind baseline where hugo is installed; a plain warning where it is not.
      if (hugoVersion()) expect(Number.parseFloat(cells[16])).toBeGreaterThan(0);
      else expect(stdout).toContain(HUGO_MISSING);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 240_000);
});
