/** An entry of a page's "On this page", with the entries nested under it. */
export interface TocEntry {
  id: string;
  title: string;
  children?: TocEntry[];
}

/** A heading of a rendered narrative, as the content layer keeps it (`rendered.metadata.headings`). */
export interface NarrativeHeading {
  depth: number;
  slug: string;
  text: string;
}

/**
 * The narrative's headings for "On this page": its h2s (and any h1, which an imported Markdown
 * file sometimes has) with their h3s nested under them; deeper ones are left to the page. A heading
 * whose text is already a title on the page (`taken`: the structured sections' titles, compared
 * without case) is told apart as "Timeline (narrative)", so no two entries read the same.
 */
export function narrativeToc(headings: readonly NarrativeHeading[], taken: readonly string[]): TocEntry[] {
  const seen = new Set(taken.map((title) => title.trim().toLowerCase()));
  const label = (text: string) => (seen.has(text.trim().toLowerCase()) ? `${text} (narrative)` : text);
  const entries: TocEntry[] = [];
  for (const heading of headings) {
    if (heading.depth > 3) continue;
    const entry = { id: heading.slug, title: label(heading.text) };
    const parent = entries.at(-1);
    // An h3 before any h2 stands on its own rather than being dropped.
    if (heading.depth === 3 && parent) (parent.children ??= []).push(entry);
    else entries.push(entry);
  }
  return entries;
}
