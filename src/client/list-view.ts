// Filtering and sorting a long, paginated list across the whole library (docs/site.md#long-lists).
// Without JavaScript a list page is a plain table of one page of rows, with links to every other
// page. With it, the list's form filters and sorts every row of the library: on the first choice
// the rows' data files (src/pages/lists/) are fetched, and the chosen page of matching rows is
// drawn in place of the table's rows, with a pager of its own. The choices, and the page, live in
// the address (`?severity=SEV-1&page=2`), so a filtered view can be shared and reloaded.
import { pageCount, pageLinks, PAGE_SIZE } from '../domain/paging.ts';
import { formatCount } from '../core/numbers.ts';

/** What one kind of list (post-mortems, actions) brings to the shared machinery. */
export interface ListSpec<Row> {
  /** Singular and plural noun for the count: `post-mortem`, `post-mortems`. */
  noun: readonly [string, string];
  /** The sort a reader sees without JavaScript: the order of the rows' files. */
  defaultSort: string;
  /** The rows of one data file. */
  read: (file: unknown) => Row[];
  /** Whether a row passes every chosen filter (`chosen` holds only filters with a value). */
  match: (row: Row, chosen: ReadonlyMap<string, string>) => boolean;
  /**
   * Orders by name; rows arrive in the default order and ties keep it (Array#sort is stable).
   * `reverse` is the default order backwards; `undefined` the default order.
   */
  compare: Record<string, ((a: Row, b: Row) => number) | 'reverse' | undefined>;
  /** A table row for a row of data, as the page draws it at build time. */
  render: (row: Row) => HTMLTableRowElement;
}

/** Controls that are not filters. */
const SORT = 'sort';
const PAGE = 'page';

/** Wires up one list: `root` holds the form (`[data-filters]`), the table body (`[data-rows]`), the pager and the data attributes that components/IncidentList.astro and ActionTracker.astro write. */
export function startListView<Row>(root: HTMLElement, spec: ListSpec<Row>): void {
  const form = root.querySelector<HTMLFormElement>('[data-filters]');
  const body = root.querySelector<HTMLElement>('[data-rows]');
  const { rowsUrl, files, total, base, page: staticPage } = root.dataset;
  const size = Number(root.dataset.pageSize) || PAGE_SIZE;
  if (!form || !body || !rowsUrl || !files || !total || !base) return;
  const count = form.querySelector<HTMLElement>('[data-count]')!;
  const empty = root.querySelector<HTMLElement>('[data-empty]');
  const table = root.querySelector<HTMLElement>('.table-scroll');
  const controls = [...form.querySelectorAll<HTMLSelectElement | HTMLInputElement>('select, input[type="checkbox"]')];
  const totalRows = Number(total);
  const [one, many] = spec.noun;
  let rows: Promise<Row[]> | undefined;
  // The server-drawn rows and pager stay until a reader asks for something else.
  const pager = () => root.querySelector<HTMLElement>('[data-pager]');

  const load = () =>
    (rows ??= Promise.all(
      Array.from({ length: Number(files) }, (_, index) =>
        fetch(`${rowsUrl}${index + 1}.json`).then((response) => {
          if (!response.ok) throw new Error(`${response.status} for ${response.url}`);
          return response.json();
        }),
      ),
    ).then((parts) => parts.flatMap(spec.read)));

  /** The form's choices: filters with a value, and the sort when it is not the default. */
  const chosen = () => {
    const values = new Map<string, string>();
    for (const control of controls) {
      const value = control instanceof HTMLInputElement ? (control.checked ? control.value : '') : control.value;
      if (value && !(control.name === SORT && value === spec.defaultSort)) values.set(control.name, value);
    }
    return values;
  };

  const fromAddress = () => {
    const params = new URLSearchParams(location.search);
    for (const control of controls) {
      const wanted = params.get(control.name);
      if (control instanceof HTMLInputElement) control.checked = wanted === control.value;
      else if (wanted !== null && [...control.options].some((option) => option.value === wanted)) control.value = wanted;
      else control.value = control.name === SORT ? spec.defaultSort : '';
    }
    const page = Number(params.get(PAGE));
    return Number.isInteger(page) && page > 1 ? page : 1;
  };

  const address = (values: ReadonlyMap<string, string>, page: number) => {
    const query = new URLSearchParams([...values]);
    if (page > 1) query.set(PAGE, String(page));
    return query.size ? `${base}?${query}` : base;
  };

  const say = (text: string) => {
    count.textContent = text;
  };

  /**
   * "Showing 101–200 of 312 post-mortems that match (of 10,000).", "Showing 2 actions that match (of 11).",
   * "Showing 1–100 of 10,000 post-mortems.", "Showing all 11 actions."
   */
  const countText = (start: number, shown: number, matching: number, pages: number, of?: number) => {
    const noun = matching === 1 ? one : many;
    const what = pages > 1 ? `${formatCount(start + 1)}–${formatCount(start + shown)} of ${formatCount(matching)} ${noun}` : `${of === undefined ? 'all ' : ''}${formatCount(matching)} ${noun}`;
    return `Showing ${what}${of === undefined ? '' : ` that ${matching === 1 ? 'matches' : 'match'} (of ${formatCount(of)})`}.`;
  };

  /** Draws page `page` of the rows that match the form, and its pager. */
  const show = async (page: number, how: 'replace' | 'push' | 'none', focus = false) => {
    const values = chosen();
    say(`Loading every ${one} to filter and sort…`);
    root.setAttribute('aria-busy', 'true');
    let all: Row[];
    try {
      all = await load();
    } catch {
      rows = undefined;
      root.removeAttribute('aria-busy');
      say(`The ${many} could not be loaded to filter; the pages below list every one.`);
      return;
    }
    const filters = new Map([...values].filter(([name]) => name !== SORT));
    const sort = spec.compare[values.get(SORT) ?? spec.defaultSort];
    const matching = all.filter((row) => spec.match(row, filters));
    if (sort === 'reverse') matching.reverse();
    else if (sort) matching.sort(sort);
    const pages = pageCount(matching.length, size);
    const current = Math.min(page, pages);
    const start = (current - 1) * size;
    const shown = matching.slice(start, start + size);
    body.replaceChildren(...shown.map(spec.render));
    if (empty) empty.hidden = matching.length > 0;
    if (table) table.hidden = matching.length === 0;
    say(countText(start, shown.length, matching.length, pages, filters.size > 0 ? totalRows : undefined));
    drawPager(current, pages, values);
    root.removeAttribute('aria-busy');
    const url = address(values, current);
    if (how === 'push') history.pushState(null, '', url);
    else if (how === 'replace') history.replaceState(null, '', url);
    if (focus) {
      table?.focus({ preventScroll: true });
      root.scrollIntoView({ block: 'start' });
    }
  };

  const drawPager = (current: number, pages: number, values: ReadonlyMap<string, string>) => {
    const nav = pager();
    if (!nav) return;
    nav.hidden = pages < 2;
    const list = document.createElement('ul');
    list.className = 'pager__list';
    const item = (label: string, page: number | null, rel?: string) => {
      const li = document.createElement('li');
      if (page === null) {
        const off = document.createElement('span');
        off.className = 'pager__off';
        off.textContent = label;
        li.append(off);
      } else {
        const link = document.createElement('a');
        link.href = address(values, page);
        link.textContent = label;
        link.dataset.page = String(page);
        if (rel) link.rel = rel;
        if (page === current && !rel) link.setAttribute('aria-current', 'page');
        if (/^\d/.test(label)) link.setAttribute('aria-label', `Page ${label}`);
        li.append(link);
      }
      list.append(li);
    };
    item('← Previous', current > 1 ? current - 1 : null, 'prev');
    for (const page of pageLinks(current, pages)) {
      if (page === null) {
        const gap = document.createElement('li');
        gap.className = 'pager__gap';
        gap.textContent = '…';
        list.append(gap);
      } else item(String(page), page);
    }
    item('Next →', current < pages ? current + 1 : null, 'next');
    nav.replaceChildren(list);
  };

  form.addEventListener('change', () => void show(1, 'replace'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void show(1, 'replace');
  });
  // Reset restores the defaults after the event, so draw on the next tick.
  form.addEventListener('reset', () => setTimeout(() => void show(1, 'replace')));
  // A pager link drawn here (data-page) pages the filtered rows without leaving the page.
  root.addEventListener('click', (event) => {
    const link = (event.target as Element).closest?.<HTMLAnchorElement>('[data-pager] a[data-page]');
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    void show(Number(link.dataset.page), 'push', true);
  });
  addEventListener('popstate', () => void show(fromAddress(), 'none'));

  const page = fromAddress();
  form.hidden = false;
  // Without a choice in the address, the page as built is already what the reader asked for.
  if (chosen().size === 0 && page === 1) {
    say(countText((Number(staticPage ?? 1) - 1) * size, body.children.length, totalRows, pageCount(totalRows, size)));
  } else void show(page, 'none');
}

/** A `<td>` (or `<th scope="row">`) holding `content`. */
export function cell(content: (Node | string)[], options: { header?: boolean; className?: string } = {}): HTMLTableCellElement {
  const element = document.createElement(options.header ? 'th' : 'td');
  if (options.header) element.scope = 'row';
  if (options.className) element.className = options.className;
  element.append(...content);
  return element;
}

/** An element with a class and text. */
export function span(className: string, text: string, tag = 'span'): HTMLElement {
  const element = document.createElement(tag);
  if (className) element.className = className;
  element.textContent = text;
  return element;
}

/** `<time datetime>` with its text. */
export function time(datetime: string, text: string, className?: string): HTMLTimeElement {
  const element = document.createElement('time');
  element.dateTime = datetime;
  element.textContent = text;
  if (className) element.className = className;
  return element;
}
