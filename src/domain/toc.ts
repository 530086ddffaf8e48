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

/**
 * The narrative's HTML with each heading that repeats a title of the page (`taken`, without case)
 * told apart in its text, as the table of contents tells it apart: "Timeline (narrative)", the
 * suffix in a muted span. So no two headings of a page read the same, for sighted readers and
 * screen readers alike.
 */
export function distinguishHeadings(html: string, headings: readonly NarrativeHeading[], taken: readonly string[]): string {
  const seen = new Set(taken.map((title) => title.trim().toLowerCase()));
  const clashing = new Set(headings.filter((heading) => seen.has(heading.text.trim().toLowerCase())).map((heading) => heading.slug));
  if (!clashing.size) return html;
  return html.replace(/<(h[1-6]) id="([^"]+)"([^>]*)>([\s\S]*?)<\/\1>/g, (whole, tag: string, id: string, rest: string, inner: string) =>
    clashing.has(id) ? `<${tag} id="${id}"${rest}>${inner} <span class="heading-source">(narrative)</span></${tag}>` : whole,
  );
}
