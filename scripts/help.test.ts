// Every command prints its usage with --help and exits 0, before it reads or writes anything.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');

describe('--help', () => {
  it.each(['build', 'check', 'new', 'generate', 'bench', 'reader-bench', 'json-schema', 'rules', 'import'])('scripts/%s.ts --help prints its usage', (script) => {
    const result = spawnSync(join(ROOT, 'node_modules/.bin/node'), [join(ROOT, 'scripts', `${script}.ts`), '--help'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^usage: npm run /);
  });
});
