import { afterAll } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Content folders for a test file, each in a fresh temp directory (settings.yaml and files under
 * postmortems/, sub-folders made as needed), all removed when the file's tests end. Call it at the
 * top of a test file; it returns the function that makes one.
 */
export function useLibraries(prefix: string): (files: Record<string, string | Buffer>, settings: string) => string {
  const temps: string[] = [];
  afterAll(() => {
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  });
  return (files, settings) => {
    const dir = mkdtempSync(join(tmpdir(), `hindsight-${prefix}-`));
    temps.push(dir);
    writeFileSync(join(dir, 'settings.yaml'), settings);
    mkdirSync(join(dir, 'postmortems'), { recursive: true });
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, 'postmortems', path)), { recursive: true });
      writeFileSync(join(dir, 'postmortems', path), text);
    }
    return dir;
  };
}
