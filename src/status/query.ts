import { SortKeys, StateFilters, type ProcessRow, type SortKey, type StateFilter, type StatusQuery } from './types.js';

/** Refresh of the page when the query does not say (seconds). */
export const defaultRefreshSeconds = 10;

const pick = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;

/** Reads `?state=&q=&sort=&dir=&refresh=`; unknown or malformed values fall back to the defaults. Pure. */
export function parseStatusQuery(params: URLSearchParams): StatusQuery {
  const refresh = Number(params.get('refresh') ?? defaultRefreshSeconds);
  return {
    state: pick<StateFilter>(params.get('state'), StateFilters, 'all'),
    q: (params.get('q') ?? '').trim().slice(0, 200),
    sort: pick<SortKey>(params.get('sort'), SortKeys, 'default'),
    dir: params.get('dir') === 'desc' ? 'desc' : 'asc',
    refresh: Number.isInteger(refresh) && refresh >= 0 ? Math.min(refresh, 3600) : defaultRefreshSeconds,
  };
}

/** The query string of `query`, leaving out defaults (`?` included, or empty). Pure. */
export function queryString(query: StatusQuery, change: Partial<StatusQuery> = {}): string {
  const q = { ...query, ...change };
  const params = new URLSearchParams();
  if (q.state !== 'all') params.set('state', q.state);
  if (q.q !== '') params.set('q', q.q);
  if (q.sort !== 'default') params.set('sort', q.sort);
  if (q.dir !== 'asc') params.set('dir', q.dir);
  if (q.refresh !== defaultRefreshSeconds) params.set('refresh', String(q.refresh));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

type Filterable = Pick<ProcessRow, 'code' | 'name' | 'state' | 'failing'>;

/** Whether a process passes the state filter and the name substring (code or display name). Pure. */
export function matchesQuery(row: Filterable, query: Pick<StatusQuery, 'state' | 'q'>): boolean {
  if (query.state === 'failing' ? !row.failing : query.state !== 'all' && row.state !== query.state) return false;
  const needle = query.q.toLowerCase();
  return needle === '' || row.code.toLowerCase().includes(needle) || row.name.toLowerCase().includes(needle);
}

type Sortable = Omit<ProcessRow, 'visible'>;

const sortValue: Record<Exclude<SortKey, 'default' | 'code' | 'state'>, (row: Sortable) => number | undefined> = {
  ops_completed: (row) => row.opsCompleted,
  ops_failed: (row) => row.opsFailed,
  progress: (row) => row.progress?.ratio,
  last_start: (row) => row.lastStartAt,
  last_completion: (row) => row.lastCompletionAt,
  duration: (row) => row.lastDurationSeconds,
  last_success: (row) => row.lastSuccessAt,
  next_run: (row) => row.schedule?.nextAt,
  // Late ones after the on-time ones (`desc` puts them first), more missed fire times further.
  late: (row) => (row.schedule === undefined ? undefined : (row.schedule.late ? 1e9 : 0) + row.schedule.missedTotal),
};

const byCode = (a: Sortable, b: Sortable): number => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/**
 * Orders processes as the query asks. `default` puts failing processes first, then by code. Processes
 * without a value for the sort column come last in either direction; ties go by code. Pure.
 */
export function sortRows<T extends Sortable>(rows: readonly T[], query: Pick<StatusQuery, 'sort' | 'dir'>): T[] {
  const sign = query.dir === 'desc' ? -1 : 1;
  const { sort } = query;
  const compare = (a: T, b: T): number => {
    if (sort === 'default') return sign * (Number(b.failing) - Number(a.failing)) || byCode(a, b);
    if (sort === 'code') return sign * byCode(a, b);
    if (sort === 'state') return sign * (a.state < b.state ? -1 : a.state > b.state ? 1 : 0) || byCode(a, b);
    const x = sortValue[sort](a);
    const y = sortValue[sort](b);
    if (x === undefined || y === undefined) return (x === undefined ? 1 : 0) - (y === undefined ? 1 : 0) || byCode(a, b);
    return sign * (x - y) || byCode(a, b);
  };
  return [...rows].sort(compare);
}
