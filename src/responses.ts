/*
 * The site's files that are not pages (JSON, calendars, Markdown), as the endpoints under
 * src/pages/ return them: one place for their content types.
 */

/** A text file of the given type (`text/calendar`, `text/markdown`), in UTF-8. */
export function textFile(body: string, type: string): Response {
  return new Response(body, { headers: { 'Content-Type': `${type}; charset=utf-8` } });
}

/** A JSON file: indented for people and other tools (/api/), or compact for the site's own row data (/lists/). */
export function jsonFile(value: unknown, { compact = false }: { compact?: boolean } = {}): Response {
  return textFile(JSON.stringify(value, null, compact ? undefined : 2), 'application/json');
}
