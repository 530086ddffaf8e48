// The action tracker of /actions/ (components/ActionTracker.astro) in the browser.
// Progressive enhancement: the table is complete without this. With it, the form filters and
// sorts rows in place and keeps its choices in the address, so a filtered view can be shared.
import type { Action } from '../schemas/action.ts';
import { isOpen } from '../domain/actions.ts';

const PRIORITY: Record<string, number> = { P0: 0, P1: 1, P2: 2 };
const byDeadline = (a: HTMLElement, b: HTMLElement) => a.dataset.deadline!.localeCompare(b.dataset.deadline!);
const compare: Record<string, (a: HTMLElement, b: HTMLElement) => number> = {
  deadline: byDeadline,
  'deadline-desc': (a, b) => byDeadline(b, a),
  priority: (a, b) => PRIORITY[a.dataset.priority!] - PRIORITY[b.dataset.priority!] || byDeadline(a, b),
  owner: (a, b) => a.dataset.owner!.localeCompare(b.dataset.owner!) || byDeadline(a, b),
  incident: (a, b) => Number(a.dataset.rank) - Number(b.dataset.rank) || byDeadline(a, b),
};

/** Wires up every action tracker on the page (components/ActionTracker.astro). */
export function startActionTracker(): void {
  for (const tracker of document.querySelectorAll<HTMLElement>('[data-action-tracker]')) {
    const form = tracker.querySelector<HTMLFormElement>('[data-filters]')!;
    const body = tracker.querySelector<HTMLElement>('[data-rows]')!;
    const count = form.querySelector<HTMLElement>('[data-count]')!;
    const empty = tracker.querySelector<HTMLElement>('[data-empty]')!;
    const rows = [...body.querySelectorAll<HTMLTableRowElement>('tr')];
    const selects = [...form.querySelectorAll<HTMLSelectElement>('select')];
    const overdueOnly = form.querySelector<HTMLInputElement>('input[name="overdue"]')!;

    const params = new URLSearchParams(location.search);
    for (const select of selects) {
      const wanted = params.get(select.name);
      if (wanted && [...select.options].some((option) => option.value === wanted)) select.value = wanted;
    }
    overdueOnly.checked = params.get('overdue') === '1';

    const apply = () => {
      const chosen = Object.fromEntries(selects.map((select) => [select.name, select.value]));
      let shown = 0;
      for (const row of rows) {
        const { status, priority, owner, overdue } = row.dataset;
        const match =
          (!chosen.status || (chosen.status === 'active' ? isOpen({ status: status as Action['status'] }) : status === chosen.status)) &&
          (!chosen.priority || priority === chosen.priority) &&
          (!chosen.owner || owner === chosen.owner) &&
          (!overdueOnly.checked || overdue === '1');
        row.hidden = !match;
        if (match) shown++;
      }
      body.append(...[...rows].sort(compare[chosen.sort] ?? compare.deadline));
      count.textContent = `Showing ${shown} of ${rows.length} actions.`;
      empty.hidden = shown > 0;
      const query = new URLSearchParams(Object.entries(chosen).filter(([key, value]) => value && !(key === 'sort' && value === 'deadline')));
      if (overdueOnly.checked) query.set('overdue', '1');
      history.replaceState(null, '', query.size ? `?${query}` : location.pathname);
    };

    form.addEventListener('change', apply);
    form.addEventListener('submit', (event) => event.preventDefault());
    form.addEventListener('reset', () => setTimeout(apply));
    form.hidden = false;
    apply();
  }
}
