// The filter and sort form of the list of every post-mortem (components/IncidentFilters.astro) in
// the browser. Progressive enhancement: each page of the list is complete without this, and its
// pager reaches every post-mortem. With it, the form filters and sorts every post-mortem of the
// library (list-view.ts), from the rows' data files (src/pages/lists/incidents/).
import type { IncidentRow } from '../domain/list-rows.ts';
import { KIND_LABELS, NOT_RECORDED, STATUS_LABELS, humanize } from '../domain/labels.ts';
import { withBase } from '../core/urls.ts';
import { cell, span, startListView, time } from './list-view.ts';

const STATUS_BADGES: Record<string, string> = { draft: 'warn', 'in-review': 'warn', published: 'ok' };
// Unknown severity sorts last; ties keep the newest-first order of the files.
const rank = (row: IncidentRow) => row.rank ?? Number.MAX_SAFE_INTEGER;

const notRecorded = () => span('not-recorded', NOT_RECORDED);

/** The same row components/IncidentList.astro draws at build time. */
function render(row: IncidentRow): HTMLTableRowElement {
  const tr = document.createElement('tr');
  const link = document.createElement('a');
  link.href = withBase(import.meta.env.BASE_URL, `/incidents/${row.id}/`);
  link.textContent = row.title;
  const severity =
    row.severity === null
      ? span('badge badge--neutral', 'Severity ')
      : span(`badge badge--sev-${Math.min(row.rank ?? 3, 3)}`, row.severity);
  if (row.severity === null) severity.append(notRecorded());
  const services = document.createElement('ul');
  services.className = 'inline-list';
  services.append(...row.services.map((service) => span('', service, 'li')));
  tr.append(
    cell([span('incidents__id', row.id), link], { header: true, className: 'incidents__title' }),
    cell([severity]),
    cell([KIND_LABELS[row.kind] ?? humanize(row.kind)], { className: 'nowrap' }),
    cell([services]),
    cell([row.category === null ? notRecorded() : humanize(row.category)]),
    cell([row.quarter], { className: 'nowrap' }),
    cell([time(row.datetime, row.date, 'nowrap')]),
    cell([row.duration === null || row.durationAttr === null ? notRecorded() : time(row.durationAttr, row.duration)], { className: 'num' }),
    cell([span(`badge badge--${STATUS_BADGES[row.status] ?? 'neutral'}`, STATUS_LABELS[row.status] ?? row.status)]),
  );
  return tr;
}

/** Wires up the filter form of every filterable post-mortem list on the page. */
export function startIncidentFilters(): void {
  for (const list of document.querySelectorAll<HTMLElement>('[data-incident-list][data-rows-url]')) {
    startListView<IncidentRow>(list, {
      noun: ['post-mortem', 'post-mortems'],
      defaultSort: 'newest',
      read: (file) => (file as { rows: IncidentRow[] }).rows,
      match: (row, chosen) =>
        [...chosen].every(([key, value]) => (key === 'service' ? row.services.includes(value) : String(row[key as keyof IncidentRow]) === value)),
      compare: {
        // The files are newest first.
        newest: undefined,
        oldest: 'reverse',
        severity: (a, b) => rank(a) - rank(b),
        duration: (a, b) => (b.minutes ?? -1) - (a.minutes ?? -1),
      },
      render,
    });
  }
}
