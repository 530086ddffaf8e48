// The filter and sort form of incident lists (components/IncidentFilters.astro) in the browser.
// Progressive enhancement: the table is complete without this. With it, a form filters and
// sorts the rows in place, and keeps its choices in the address so a filtered list can be shared.
// Rows carry their severity's rank in the team's scale (settings.severities); unknown sorts last.
const rankOf = (row: HTMLElement) => (row.dataset.severityRank ? Number(row.dataset.severityRank) : Number.MAX_SAFE_INTEGER);
const compare: Record<string, (a: HTMLElement, b: HTMLElement) => number> = {
  newest: (a, b) => Number(b.dataset.started) - Number(a.dataset.started),
  oldest: (a, b) => Number(a.dataset.started) - Number(b.dataset.started),
  severity: (a, b) => rankOf(a) - rankOf(b) || compare.newest(a, b),
  duration: (a, b) => Number(b.dataset.duration) - Number(a.dataset.duration) || compare.newest(a, b),
};

/** Wires up the filter form of every incident list on the page (components/IncidentFilters.astro). */
export function startIncidentFilters(): void {
  for (const list of document.querySelectorAll<HTMLElement>('[data-incident-list]')) {
    const form = list.querySelector<HTMLFormElement>('[data-filters]');
    const body = list.querySelector<HTMLElement>('[data-rows]');
    if (!form || !body) continue;
    const rows = [...body.querySelectorAll<HTMLTableRowElement>('tr')];
    const count = form.querySelector<HTMLElement>('[data-count]')!;
    const empty = list.querySelector<HTMLElement>('[data-empty]');
    const selects = [...form.querySelectorAll<HTMLSelectElement>('select')];

    const params = new URLSearchParams(location.search);
    for (const select of selects) {
      const wanted = params.get(select.name);
      if (wanted && [...select.options].some((option) => option.value === wanted)) select.value = wanted;
    }

    const apply = () => {
      const chosen = Object.fromEntries(selects.map((select) => [select.name, select.value]));
      let shown = 0;
      for (const row of rows) {
        const match = Object.entries(chosen).every(([key, value]) => {
          if (key === 'sort' || !value) return true;
          return (row.dataset[key] ?? '').split(' ').includes(value);
        });
        row.hidden = !match;
        if (match) shown++;
      }
      body.append(...[...rows].sort(compare[chosen.sort] ?? compare.newest));
      count.textContent = `Showing ${shown} of ${rows.length} post-mortems.`;
      if (empty) empty.hidden = shown > 0;
      const query = new URLSearchParams(Object.entries(chosen).filter(([key, value]) => value && !(key === 'sort' && value === 'newest')));
      history.replaceState(null, '', query.size ? `?${query}` : location.pathname);
    };

    form.addEventListener('change', apply);
    // Choices apply as they change; Apply is there for people who expect a button.
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      apply();
    });
    // Reset restores the defaults after the event, so apply on the next tick.
    form.addEventListener('reset', () => setTimeout(apply));
    form.hidden = false;
    apply();
  }
}
