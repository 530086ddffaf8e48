import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate, type ConfigData } from 'html-validate';
import { ROOT } from '../../helpers/build.ts';

/**
 * html-validate's standard preset, plus any exception the project commits in .htmlvalidate.json
 * (read from the project root, not searched for upwards from the temporary build folder).
 */
function config(): ConfigData {
  const file = join(ROOT, '.htmlvalidate.json');
  if (existsSync(file)) return { root: true, ...(JSON.parse(readFileSync(file, 'utf8')) as ConfigData) };
  return { root: true, extends: ['html-validate:standard'] };
}

/** Every error in every file, as `path:line:col  rule  message`. */
export async function htmlErrors(files: string[], base: string): Promise<string[]> {
  const validator = new HtmlValidate(config());
  const errors: string[] = [];
  for (const file of files) {
    const report = await validator.validateFile(file);
    for (const result of report.results) {
      for (const message of result.messages) {
        if (message.severity < 2) continue;
        errors.push(`${file.slice(base.length + 1)}:${message.line}:${message.column}  ${message.ruleId}  ${message.message}`);
      }
    }
  }
  return errors;
}
