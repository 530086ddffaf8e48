import { byPosition, formatProblem, type Problem } from '../../src/check/problem.ts';
import type { Format } from './args.ts';

/** GitHub workflow commands need %, CR and LF escaped in the message (and , : in properties). */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function summary(problems: readonly Problem[], files: number): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(files, 'post-mortem')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

/** Renders problems in one of the output formats. */
export function render(problems: readonly Problem[], format: Format, files: number): string {
  const sorted = [...problems].sort(byPosition);
  if (format === 'json') {
    const errors = sorted.filter((p) => p.severity === 'error').length;
    return JSON.stringify({ files, errors, warnings: sorted.length - errors, problems: sorted }, null, 2);
  }
  if (format === 'github') {
    const lines = sorted.map(
      (p) => `::${p.severity} file=${escapeProperty(p.file)},line=${p.line},col=${p.column},title=${escapeProperty(`${p.rule}: ${p.field}`)}::${escapeData(`${p.field}  ${p.message}`)}`,
    );
    return [...lines, summary(problems, files)].join('\n');
  }
  return [...sorted.map(formatProblem), ...(sorted.length ? [''] : []), summary(problems, files)].join('\n');
}
