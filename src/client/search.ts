// The /search/ page: Pagefind's JS API, loaded only here, with the query and filters kept in the URL.
import { withBase } from '../core/urls.ts';
import { mergeFilters, mergeSearches, type DateRuns, type FilterCounts, type PartSearch } from './search-merge.ts';

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string>;
}
type PagefindResult = { id: string; score: number; data: () => Promise<PagefindResultData> };
type PagefindSearch = PartSearch<PagefindResult>;
interface Pagefind {
  options: (options: Record<string, unknown>) => Promise<void>;
  init: () => Promise<void>;
  filters: () => Promise<FilterCounts>;
  search: (query: string | null, options?: Record<string, unknown>) => Promise<PagefindSearch | null>;
}
/** The index, in one part or several, asked as one. */
interface SearchIndex {
  filters: () => Promise<FilterCounts>;
  search: (query: string | null, filters: Record<string, { any: string[] }>) => Promise<PagefindSearch | null>;
}

const PAGE_SIZE = 20;

/** The parts of the index (scripts/lib/pagefind.ts): their folders from the site root, and their dates. */
async function indexParts(): Promise<{ path: string; dates: DateRuns }[]> {
  try {
    const response = await fetch(withBase(import.meta.env.BASE_URL, '/pagefind/parts.json'));
    const { parts } = (await response.json()) as { parts: { path: string; dates: DateRuns }[] };
    if (Array.isArray(parts) && parts.length > 0) return parts;
  } catch {
    // No list: one part, in pagefind/.
  }
  return [{ path: 'pagefind/', dates: [] }];
}

async function loadPart(folder: string): Promise<Pagefind> {
  // Each part's own pagefind.js: a module of its own, with its own index.
  const url = withBase(import.meta.env.BASE_URL, `/${folder}pagefind.js`);
  const pagefind = (await import(/* @vite-ignore */ url)) as Pagefind;
  // The index records pages by their path in dist/; baseUrl puts the results under the site's base path.
  await pagefind.options({ excerptLength: 24, baseUrl: import.meta.env.BASE_URL });
  await pagefind.init();
  // Load the filter index before the first search, or that search reports every facet count as 0.
  await pagefind.filters();
  return pagefind;
}

async function loadIndex(): Promise<SearchIndex | undefined> {
  try {
    // Built by `npm run build` into dist/pagefind; absent under `npm run dev`.
    const list = await indexParts();
    const parts = await Promise.all(list.map(({ path }) => loadPart(path)));
    const dates = list.map((part) => part.dates);
    return {
      filters: async () => mergeFilters(await Promise.all(parts.map((part) => part.filters()))),
      search: async (query, filters) => {
        const sort = query ? undefined : { date: 'desc' };
        const answers = await Promise.all(parts.map((part) => part.search(query, { filters, sort })));
        if (answers.some((answer) => !answer)) return null;
        return mergeSearches(answers as PagefindSearch[], query ? 'relevance' : { dates });
      },
    };
  } catch {
    return undefined;
  }
}

export function startSearch(): void {
  const form = document.querySelector<HTMLFormElement>('#search-form')!;
  const input = form.querySelector<HTMLInputElement>('input[name="q"]')!;
  const status = document.querySelector<HTMLElement>('#search-status')!;
  const list = document.querySelector<HTMLOListElement>('#search-results')!;
  const boxes = [...form.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];

  // Restore the query and filters from the URL, so a search can be shared and bookmarked.
  const params = new URLSearchParams(location.search);
  input.value = params.get('q') ?? '';
  for (const box of boxes) box.checked = params.getAll(box.name).includes(box.value);

  let index: SearchIndex | undefined;
  let run = 0;

  const selected = () => {
    const filters: Record<string, { any: string[] }> = {};
    for (const box of boxes) if (box.checked) (filters[box.name] ??= { any: [] }).any.push(box.value);
    return filters;
  };

  const syncUrl = () => {
    const next = new URLSearchParams();
    if (input.value.trim()) next.set('q', input.value.trim());
    for (const box of boxes) if (box.checked) next.append(box.name, box.value);
    const query = next.toString();
    history.replaceState(null, '', query ? `?${query}` : location.pathname);
  };

  const showCounts = (counts: Record<string, Record<string, number>>) => {
    for (const box of boxes) {
      const count = counts[box.name]?.[box.value] ?? 0;
      const label = box.closest('label')!;
      label.querySelector('[data-count]')!.textContent = `(${count})`;
      label.classList.toggle('facet__option--empty', count === 0 && !box.checked);
    }
  };

  const search = async () => {
    syncUrl();
    if (!index) return;
    const mine = ++run;
    const query = input.value.trim();
    const filters = selected();
    if (!query && Object.keys(filters).length === 0) {
      list.replaceChildren();
      status.textContent = 'Type words to search, or pick filters.';
      showCounts(await index.filters());
      return;
    }
    const result = await index.search(query || null, filters);
    if (!result || mine !== run) return;
    showCounts(result.filters);
    const data = await Promise.all(result.results.slice(0, PAGE_SIZE).map((r) => r.data()));
    if (mine !== run) return;
    list.replaceChildren(...data.map(renderResult));
    const n = result.results.length;
    const what = query ? ` for “${query}”` : '';
    status.textContent =
      n === 0
        ? `No post-mortem matches${what}. Try fewer or different words, or clear some filters.`
        : `${n} post-mortem${n === 1 ? '' : 's'} found${what}${n > PAGE_SIZE ? `; showing the first ${PAGE_SIZE}` : ''}.`;
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void search();
  });
  input.addEventListener('input', () => void search());
  for (const box of boxes) box.addEventListener('change', () => void search());

  status.textContent = 'Loading the search index…';
  void loadIndex().then((loaded) => {
    index = loaded;
    if (!index) {
      status.textContent =
        'The search index is missing. It is built by `npm run build`; under `npm run dev` there is none — run `npm run build && npm run preview` to search.';
      return;
    }
    void search();
  });
}

function renderResult(data: PagefindResultData): HTMLLIElement {
  const item = document.createElement('li');
  const heading = document.createElement('h2');
  const link = document.createElement('a');
  link.href = data.url;
  link.textContent = data.meta.title ?? data.url;
  heading.append(link);
  const meta = document.createElement('p');
  meta.className = 'result__meta';
  meta.textContent = [data.meta.id, data.meta.date, data.meta.severity].filter(Boolean).join(' · ');
  const excerpt = document.createElement('p');
  // Pagefind's excerpt is escaped text with <mark> around the matches.
  excerpt.innerHTML = data.excerpt;
  item.append(heading, meta, excerpt);
  return item;
}
