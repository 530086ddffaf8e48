/** A stretch of text a linter found something in. */
export interface Span {
  index: number;
  length: number;
}

/**
 * Findings in text order, one per stretch of text: where findings overlap, the one that starts
 * first (the longer one at the same start) stands for all. "human error by Tom" is one problem,
 * not two; a token inside a longer key is one secret.
 */
export function oneFindingPerStretch<T extends Span>(findings: readonly T[]): T[] {
  const sorted = [...findings].sort((a, b) => a.index - b.index || b.length - a.length);
  let end = -1;
  return sorted.filter((finding) => {
    if (finding.index < end) return false;
    end = finding.index + finding.length;
    return true;
  });
}
