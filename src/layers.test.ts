// The layers of src/ (.dependency-cruiser.cjs, CONTRIBUTING.md#where-code-goes), checked with
// dependency-cruiser: a lower floor never imports a higher one, and browser code imports no
// server code.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';

const ROOT = join(import.meta.dirname, '..');
const config = createRequire(import.meta.url)(join(ROOT, '.dependency-cruiser.cjs'));

async function violations(baseDir: string): Promise<string[]> {
  const { output } = await cruise(['src'], { ...config.options, validate: true, ruleSet: { forbidden: config.forbidden }, baseDir, tsConfig: undefined });
  return (output as ICruiseResult).summary.violations.map((violation) => `${violation.rule.name}: ${violation.from} → ${violation.to}`);
}

describe('the layers of src/', () => {
  it('import one way', async () => {
    expect(await violations(ROOT)).toEqual([]);
  });

  it('catch an import against them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hindsight-layers-'));
    const write = (path: string, text: string) => {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    write('src/ingestion/load.ts', 'export const load = 1;\n');
    write('src/check/lint.ts', 'export const lint = 1;\n');
    write('src/domain/stats.ts', "import { load } from '../ingestion/load.ts';\nexport const stats = load;\n");
    write('src/client/search.ts', "import { lint } from '../check/lint.ts';\nexport const search = lint;\n");
    write('src/core/time.ts', "import { stats } from '../domain/stats.ts';\nexport const time = stats;\n");
    expect((await violations(dir)).sort()).toEqual([
      'client-imports-server-code: src/client/search.ts → src/check/lint.ts',
      'core-imports-upward: src/core/time.ts → src/domain/stats.ts',
      'domain-imports-upward: src/domain/stats.ts → src/ingestion/load.ts',
    ]);
  });
});
