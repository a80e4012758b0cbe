import type { Paging } from './paging.js';
import { batchProcessHref, encodePathSegment, pagedCollection, resourceElement } from './resources.js';
import type { HistoryOrder, RawProcessHistory } from './types.js';

/** The JSON envelopes of `/batch-processes/{type}/histories[/{id}]`, and their order. Hrefs are relative to `/rest`. */

/** `/systemtools/v1/batch-processes/{type}/histories`. */
export function historiesHref(code: string): string {
  return `${batchProcessHref(code)}/histories`;
}

/** `/systemtools/v1/batch-processes/{type}/histories/{id}`. */
export function historyHref(code: string, id: string): string {
  return `${historiesHref(code)}/${encodePathSegment(id)}`;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Milliseconds of an ISO date; dates that do not parse sort after every date that does. */
function timeOf(date: string): number {
  const t = Date.parse(date);
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

/** Oldest first by `dateCreated`, then `id` (unparseable dates by their text among themselves). */
function compareOldestFirst(a: RawProcessHistory, b: RawProcessHistory): number {
  const ta = timeOf(a.dateCreated);
  const tb = timeOf(b.dateCreated);
  if (ta !== tb) return ta < tb ? -1 : 1;
  return (ta === Number.POSITIVE_INFINITY ? compareText(a.dateCreated, b.dateCreated) : 0) || compareText(a.id, b.id);
}

/** A sorted copy of `rows` in `order` (by `dateCreated`, then `id`). */
export function sortHistories(rows: readonly RawProcessHistory[], order: HistoryOrder): RawProcessHistory[] {
  const sign = order === 'oldest-first' ? 1 : -1;
  return [...rows].sort((a, b) => sign * compareOldestFirst(a, b));
}

const element = (code: string, row: RawProcessHistory): Record<string, unknown> => resourceElement({ ...row }, historyHref(code, row.id));

/** `GET .../histories/{id}`: `{ data: { attributes, checksum, links } }`. */
export function historyDocument(code: string, row: RawProcessHistory): Record<string, unknown> {
  return { data: element(code, row) };
}

/** `GET .../histories`: one page of `sorted` (already in the served order), with `total` when asked for. */
export function historyCollection(code: string, sorted: readonly RawProcessHistory[], paging: Paging): Record<string, unknown> {
  return pagedCollection(sorted, paging, historiesHref(code), (row) => element(code, row));
}
