// What the importer tells the user: per file what was mapped, unknown, guessed and kept as text.
import type { FileResult, Skipped } from './files.ts';

export interface Summary {
  imported: number;
  failed: number;
  skipped: number;
  created: number;
  updated: number;
  unchanged: number;
}

export function summarise(results: readonly FileResult[], skipped: readonly Skipped[]): Summary {
  const count = (outcome: FileResult['outcome']) => results.filter((r) => r.outcome === outcome).length;
  return { imported: results.length - count('failed'), failed: count('failed'), skipped: skipped.length, created: count('created'), updated: count('updated'), unchanged: count('unchanged') };
}

export function summaryLine(summary: Summary, dryRun: boolean): string {
  const verb = dryRun ? 'would import' : 'imported';
  return `${verb} ${summary.imported} of ${summary.imported + summary.failed} files (${summary.created} new, ${summary.updated} updated, ${summary.unchanged} unchanged), ${summary.failed} not imported, ${summary.skipped} skipped${dryRun ? '; nothing written (--dry-run)' : ''}`;
}

export function renderText(results: readonly FileResult[], skipped: readonly Skipped[], dryRun: boolean): string {
  const lines: string[] = [];
  for (const result of results) {
    if (result.outcome === 'failed') {
      lines.push(`✗ ${result.source}: not imported — ${result.reason}`);
      continue;
    }
    lines.push(`✓ ${result.source} → ${result.output} (${dryRun ? `would be ${result.outcome}` : result.outcome})`);
    const { mapped, unknown, guesses, keptAsText, notes } = result.report;
    lines.push(`    mapped:   ${mapped.join('; ')}`);
    if (unknown.length) lines.push(`    unknown:  ${unknown.join('; ')}`);
    for (const guess of guesses) lines.push(`    guessed:  ${guess}`);
    for (const row of keptAsText) lines.push(`    as text:  ${row}`);
    for (const note of notes) lines.push(`    note:     ${note}`);
  }
  for (const skip of skipped) lines.push(`- ${skip.path}: skipped, ${skip.reason}`);
  lines.push(summaryLine(summarise(results, skipped), dryRun));
  return lines.join('\n');
}

export function renderJson(results: readonly FileResult[], skipped: readonly Skipped[], dryRun: boolean): string {
  return JSON.stringify({ dryRun, summary: summarise(results, skipped), files: results, skipped }, null, 2);
}
