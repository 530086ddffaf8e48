import type { Incident } from './library.ts';

/** The search facets, in the order the search page shows them, with their labels. */
export const FACETS = [
  { key: 'severity', label: 'Severity' },
  { key: 'kind', label: 'Kind' },
  { key: 'service', label: 'Service' },
  { key: 'category', label: 'Root cause' },
  { key: 'quarter', label: 'Quarter' },
  { key: 'team', label: 'Team' },
  { key: 'tag', label: 'Tag' },
  { key: 'actions', label: 'Actions' },
  { key: 'status', label: 'Status' },
] as const;

export type FacetKey = (typeof FACETS)[number]['key'];

/** The values an incident is filed under for each facet: what Pagefind indexes and the page lists. */
export function facetValues(incident: Incident): Record<FacetKey, string[]> {
  return {
    severity: incident.severity === null ? [] : [incident.severity],
    kind: [incident.kind],
    service: incident.services,
    category: incident.category === null ? [] : [incident.category],
    quarter: [incident.quarter],
    team: incident.data.teams,
    tag: incident.data.tags,
    actions: [incident.actions.some((action) => action.overdue) ? 'has overdue' : incident.actions.every((a) => a.status === 'done' || a.status === 'wont-do') ? 'all closed' : 'on track'],
    status: [incident.status],
  };
}

/** Every `key:value` pair Pagefind files an incident under, one `data-pagefind-filter` each. */
export function pagefindFilters(incident: Incident): string[] {
  const values = facetValues(incident);
  // Pagefind reads commas in the attribute as separators; free tags may hold one.
  return FACETS.flatMap(({ key }) => values[key].map((value) => `${key}:${value.replace(/,/g, ' ')}`));
}

/** Every value of every facet across a set of incidents, sorted, for the search form. */
export function facetOptions(incidents: readonly Incident[]): Record<FacetKey, string[]> {
  const options = Object.fromEntries(FACETS.map(({ key }) => [key, new Set<string>()])) as Record<FacetKey, Set<string>>;
  for (const incident of incidents) {
    const values = facetValues(incident);
    for (const { key } of FACETS) for (const value of values[key]) options[key].add(value.replace(/,/g, ' '));
  }
  return Object.fromEntries(FACETS.map(({ key }) => [key, [...options[key]].sort()])) as Record<FacetKey, string[]>;
}
