export interface RepeatInput {
  id: string;
  started: string;
  /** null: not recorded, so never a detected repeat. */
  category: string | null;
  services: readonly string[];
  repeatOf?: string;
}

export interface Repeat {
  /** The post-mortem this one repeats. */
  of: string;
  /** true when found by category and shared service, false when declared with `repeatOf`. */
  detected: boolean;
}

/**
 * docs/format.md#repeats: a post-mortem repeats another when it says so (`repeatOf`), or when an earlier one (by
 * `started`) has the same root-cause category and shares a service; the most recent such one is named.
 * Pass published post-mortems only. Runs in O(n log n + n·s) by remembering, per category and
 * service, the latest post-mortem seen so far.
 */
export function findRepeats(items: readonly RepeatInput[]): Map<string, Repeat> {
  const ordered = [...items].sort((a, b) => Date.parse(a.started) - Date.parse(b.started) || a.id.localeCompare(b.id));
  const key = (category: string, service: string) => `${category}\u0000${service}`;
  const latest = new Map<string, RepeatInput>();
  const repeats = new Map<string, Repeat>();
  // Post-mortems that started at the same moment are not earlier than each other: look a whole
  // group up before remembering any of it.
  for (let start = 0; start < ordered.length; ) {
    const time = Date.parse(ordered[start].started);
    let end = start;
    while (end < ordered.length && Date.parse(ordered[end].started) === time) end++;
    const group = ordered.slice(start, end);
    for (const item of group) {
      if (item.repeatOf) {
        repeats.set(item.id, { of: item.repeatOf, detected: false });
        continue;
      }
      if (item.category === null) continue;
      const category = item.category;
      const candidates = item.services.flatMap((service) => latest.get(key(category, service)) ?? []);
      const best = candidates.sort((a, b) => Date.parse(b.started) - Date.parse(a.started) || b.id.localeCompare(a.id))[0];
      if (best) repeats.set(item.id, { of: best.id, detected: true });
    }
    for (const item of group) if (item.category !== null) for (const service of item.services) latest.set(key(item.category, service), item);
    start = end;
  }
  return repeats;
}
