import type { Page } from 'playwright-core';
import { ROOT } from '../../helpers/build.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Evaluated rather than added as a <script>: the site's Content-Security-Policy refuses scripts
// it did not ship, and a test's own code runs outside it.
const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
/** WCAG 2.0 and 2.1, levels A and AA: what the issue asks for. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface AxeNode {
  target: string[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  help: string;
  nodes: AxeNode[];
}

/** Runs axe-core in the page; returns one readable line per failing element. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations;
  }, AXE_TAGS);
  return (violations as AxeViolation[]).flatMap((violation) =>
    violation.nodes.map((node) => {
      // The summary's second line says what is wrong with this element, e.g. the contrast found.
      const detail = (node.failureSummary ?? '').split('\n').slice(1).join(' ').trim();
      return `${violation.id} (${violation.help}) at ${node.target.join(' ')}: ${detail}`;
    }),
  );
}
