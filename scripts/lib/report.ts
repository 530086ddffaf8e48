import { byPosition, formatProblem, type Problem } from '../../src/check/problem.ts';
import type { Format } from './args.ts';
import type { SimilarReport } from '../../src/check/similar.ts';

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

/** Why a match is similar, in one line: the shared words, services and category. */
export function similarWhy(match: SimilarReport['similar'][number]): string {
  return [
    match.terms.length ? `words ${match.terms.map((term) => `"${term}"`).join(', ')}` : '',
    match.services.length ? `service${match.services.length === 1 ? '' : 's'} ${match.services.join(', ')}` : '',
    match.category ? `category ${match.category}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

/** The earlier post-mortems like each file, as `check` prints them (docs/similar.md#while-writing). */
export function renderSimilar(reports: readonly SimilarReport[]): string[] {
  const lines: string[] = [];
  for (const report of [...reports].sort((a, b) => a.file.localeCompare(b.file))) {
    if (!report.similar.length) {
      lines.push(`${report.file}: no earlier post-mortem is similar`);
      continue;
    }
    lines.push(`${report.file}: similar earlier post-mortems`);
    for (const match of report.similar) lines.push(`  ${match.score.toFixed(2)}  ${match.id}  ${match.file}  "${match.title}"  (${similarWhy(match)})`);
  }
  return lines;
}

/** Renders problems (and, when asked for, similar post-mortems) in one of the output formats. */
export function render(problems: readonly Problem[], format: Format, files: number, similar?: readonly SimilarReport[]): string {
  const sorted = [...problems].sort(byPosition);
  if (format === 'json') {
    const errors = sorted.filter((p) => p.severity === 'error').length;
    return JSON.stringify({ files, errors, warnings: sorted.length - errors, problems: sorted, ...(similar ? { similar } : {}) }, null, 2);
  }
  if (format === 'github') {
    const lines = sorted.map(
      (p) => `::${p.severity} file=${escapeProperty(p.file)},line=${p.line},col=${p.column},title=${escapeProperty(`${p.rule}: ${p.field}`)}::${escapeData(`${p.field}  ${p.message}`)}`,
    );
    // One notice per file that has similar earlier post-mortems, on its first line.
    const notices = (similar ?? [])
      .filter((report) => report.similar.length)
      .map((report) => `::notice file=${escapeProperty(report.file)},line=1,col=1,title=${escapeProperty('similar earlier post-mortems')}::${escapeData(renderSimilar([report]).slice(1).map((line) => line.trim()).join('\n'))}`);
    return [...lines, ...notices, summary(problems, files)].join('\n');
  }
  const similarLines = similar?.length ? [...renderSimilar(similar), ''] : [];
  return [...sorted.map(formatProblem), ...(sorted.length ? [''] : []), ...similarLines, summary(problems, files)].join('\n');
}
