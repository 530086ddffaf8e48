import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { inject } from 'vitest';

const run = promisify(execFile);
export const ROOT = resolve(import.meta.dirname, '../..');
const NODE = join(ROOT, 'node_modules/.bin/node');

export interface BuildResult {
  outDir: string;
  code: number;
  output: string;
}

/**
 * A copy of the project to build in: Astro keeps generated modules in `<root>/.astro/`, so two
 * builds of different libraries from one root would overwrite each other's.
 */
function projectCopy(work: string): string {
  const root = join(work, 'project');
  for (const item of ['src', 'public', 'astro.config.mjs', 'tsconfig.json', 'package.json']) {
    if (existsSync(join(ROOT, item))) cpSync(join(ROOT, item), join(root, item), { recursive: true, filter: (path) => !path.endsWith('.test.ts') });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  return root;
}

/** Builds the site for a content folder into a fresh temporary folder, as `npm run build` does. */
export async function buildSite(content: string, env: Record<string, string> = {}): Promise<BuildResult> {
  // Inside the test run's own folder, removed when the run ends (global-setup.ts).
  const work = mkdtempSync(join(inject('buildFolder'), 'build-'));
  const outDir = join(work, 'dist');
  const root = projectCopy(work);
  try {
    const { stdout, stderr } = await run(NODE, [join(ROOT, 'scripts/build.ts'), '--outDir', outDir], {
      cwd: root,
      env: { ...process.env, HINDSIGHT_CONTENT: resolve(ROOT, content), HINDSIGHT_NOW: '2026-11-27', HINDSIGHT_CACHE_DIR: join(work, 'cache'), NO_COLOR: '1', ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { outDir, code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { outDir, code: failed.code ?? 1, output: (failed.stdout ?? '') + (failed.stderr ?? '') };
  }
}
