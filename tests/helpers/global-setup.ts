import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * One temporary folder for the whole test run, removed when it ends: every site build
 * (tests/helpers/build.ts) goes inside, tens of MB each, and tests read them until the end.
 */
export default function setup(project: TestProject) {
  const folder = mkdtempSync(join(tmpdir(), 'hindsight-tests-'));
  project.provide('buildFolder', folder);
  return () => rmSync(folder, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    buildFolder: string;
  }
}
