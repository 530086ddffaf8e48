const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };
const decode = (text: string) => text.replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, (entity) => ENTITIES[entity]);
const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/**
 * An author's Markdown table, made accessible: header cells get scope="col" (html-validate
 * wcag/h63; Markdown tables have headers only in their first row), an empty corner header becomes
 * a td since a header must say something (axe: empty-table-header), and the table is wrapped in
 * the focusable, named `.table-scroll` region that lets it scroll sideways on phones. The region
 * is named after the first column headers, so several tables on one page have distinct names
 * (axe: landmark-unique) that say what each holds.
 *
 * `inner` is the table's inner HTML, `attributes` its opening tag's attributes as HTML.
 */
export function proseTable(inner: string, attributes = ''): string {
  const html = inner.replace(/<th\b([^>]*)>\s*<\/th>/g, '<td$1></td>').replace(/<th\b(?![^>]*\bscope=)/g, '<th scope="col"');
  return `<div class="table-scroll" role="region" aria-label="${escapeAttribute(tableLabel(html))}" tabindex="0"><table${attributes}>${html}</table></div>`;
}

/** "Table: pods, pool per pod, connections": up to four column headers, or "Table". */
export function tableLabel(html: string): string {
  const headers = [...html.matchAll(/<th\b[^>]*>([\s\S]*?)<\/th>/g)]
    .map((match) => decode(match[1].replace(/<[^>]+>/g, '')).trim())
    .filter(Boolean)
    .slice(0, 4);
  return headers.length ? `Table: ${headers.join(', ')}` : 'Table';
}

/** Element properties as HTML attributes: ` a="1" b`; false, null and undefined left out. */
export function htmlAttributes(props: Record<string, unknown>): string {
  return Object.entries(props)
    .filter(([, value]) => value !== undefined && value !== null && value !== false)
    .map(([name, value]) => (value === true ? ` ${name}` : ` ${name}="${escapeAttribute(attributeValue(name, value))}"`))
    .join('');
}

function attributeValue(name: string, value: unknown): string {
  if (name === 'style' && value && typeof value === 'object') {
    return Object.entries(value)
      .map(([property, v]) => `${property}:${v}`)
      .join(';');
  }
  return Array.isArray(value) ? value.join(' ') : String(value);
}
