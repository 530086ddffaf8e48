// The action tracker of /actions/ (components/ActionTracker.astro) in the browser.
// Progressive enhancement: each page of the tracker is complete without this, and its pager
// reaches every action. With it, the form filters and sorts every action of the library
// (list-view.ts), from the rows' data files (src/pages/lists/actions/).
import type { Action } from '../schemas/action.ts';
import type { ActionRow } from '../domain/list-rows.ts';
import { isOpen } from '../domain/actions.ts';
import { ACTION_STATUS_LABELS, NOT_RECORDED } from '../domain/labels.ts';
import { withBase } from '../core/urls.ts';
import { cell, span, startListView, time } from './list-view.ts';

/** A row with its post-mortem's title, from the file's `titles`. */
type Row = ActionRow & { incidentTitle: string };

const PRIORITY: Record<string, number> = { P0: 0, P1: 1, P2: 2 };
const STATUS_BADGES: Record<string, string> = { open: 'info', 'in-progress': 'info', done: 'ok', 'wont-do': 'neutral' };
// No deadline sorts last either way.
const byDeadline = (a: Row, b: Row) => (a.deadline ?? '\uffff').localeCompare(b.deadline ?? '\uffff');
const notRecorded = () => span('not-recorded', NOT_RECORDED);

/** The same row components/ActionTracker.astro draws at build time. */
function render(row: Row): HTMLTableRowElement {
  const tr = document.createElement('tr');
  if (row.overdue) tr.className = 'tracker__row--overdue';
  const link = document.createElement('a');
  link.href = withBase(import.meta.env.BASE_URL, `/incidents/${row.incident}/`);
  link.className = 'nowrap';
  link.textContent = row.incident;
  const status =
    row.status === null ? span('badge badge--neutral', 'Status ') : span(`badge badge--${STATUS_BADGES[row.status]}`, ACTION_STATUS_LABELS[row.status]);
  if (row.status === null) status.append(notRecorded());
  const statusCell = cell([status]);
  if (row.timing) statusCell.append(row.overdue ? span('tracker__overdue', row.timing, 'strong') : span('tracker__timing small muted', row.timing));
  const completed = document.createElement('span');
  if (row.completed && row.completedText) {
    completed.append(time(row.completed, row.completedText, 'nowrap'));
    if (row.deadline !== null) completed.append(span('tracker__timing small muted', row.completed > row.deadline ? 'after the deadline' : 'on time'));
  } else completed.append('—', span('visually-hidden', 'not completed'));
  tr.append(
    cell([link, span('tracker__incident small muted', row.incidentTitle)]),
    cell([row.title], { header: true }),
    // A public build's rows have no owner at all (docs/site.md#public-build), and its table no owner column.
    ...(row.owner === undefined ? [] : [cell([row.owner ?? notRecorded()], { className: 'nowrap' })]),
    cell([row.deadline === null || row.deadlineText === null ? notRecorded() : time(row.deadline, row.deadlineText)], { className: 'nowrap' }),
    cell([row.priority ?? notRecorded()], { className: 'tracker__priority' }),
    statusCell,
    cell([...completed.childNodes]),
  );
  return tr;
}

/** Wires up every action tracker on the page (components/ActionTracker.astro). */
export function startActionTracker(): void {
  for (const tracker of document.querySelectorAll<HTMLElement>('[data-action-tracker]')) {
    startListView<Row>(tracker, {
      noun: ['action', 'actions'],
      defaultSort: 'overdue',
      read: (file) => {
        const { titles, rows } = file as { titles: Record<string, string>; rows: ActionRow[] };
        return rows.map((row) => ({ ...row, incidentTitle: titles[row.incident] ?? '' }));
      },
      match: (row, chosen) => {
        const status = chosen.get('status');
        return (
          (!status || (status === 'active' ? isOpen({ status: row.status as Action['status'] }) : row.status === status)) &&
          (!chosen.has('priority') || row.priority === chosen.get('priority')) &&
          (!chosen.has('owner') || row.owner === chosen.get('owner')) &&
          (!chosen.has('quarter') || row.quarter === chosen.get('quarter')) &&
          (!chosen.has('overdue') || row.overdue)
        );
      },
      compare: {
        // The files are in the order of the tracker without JavaScript: overdue first, then by deadline.
        overdue: undefined,
        deadline: byDeadline,
        'deadline-desc': (a, b) => byDeadline(b, a),
        priority: (a, b) => (PRIORITY[a.priority ?? ''] ?? 9) - (PRIORITY[b.priority ?? ''] ?? 9) || byDeadline(a, b),
        owner: (a, b) => (a.owner ?? '\uffff').localeCompare(b.owner ?? '\uffff') || byDeadline(a, b),
        incident: (a, b) => a.rank - b.rank || byDeadline(a, b),
      },
      render,
    });
  }
}
