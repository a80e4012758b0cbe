/** Cloud API collection paging: `pageSize`, `pageOffset`, `includeTotal` and the `links` they produce. */

export interface Paging {
  readonly pageSize: number;
  readonly pageOffset: number;
  readonly includeTotal: boolean;
  /** The query parameter of the offset in links; `pageOffset` unless the collection pages by `pageToken`. */
  readonly offsetParam?: string;
  /** False when the collection does not declare `pageSize`: its links must not carry it. */
  readonly pageSizeInLinks?: boolean;
}

export type PagingResult = { readonly ok: true; readonly paging: Paging } | { readonly ok: false; readonly message: string };

export interface Link {
  readonly href: string;
}

function parseCount(query: URLSearchParams, name: string, min: number): number | string | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const n = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min) return `The value of query parameter '${name}' must be an integer of at least ${min}, got '${raw}'`;
  return n;
}

/** Parses the paging parameters of `query`; a `pageSize` above `maxPageSize` is an error, as in Guidewire. */
export function parsePaging(query: URLSearchParams, defaultPageSize: number, maxPageSize: number, offsetParam = 'pageOffset'): PagingResult {
  const size = parseCount(query, 'pageSize', 1);
  if (typeof size === 'string') return { ok: false, message: size };
  const offset = parseCount(query, offsetParam, 0);
  if (typeof offset === 'string') return { ok: false, message: offset };
  if (size !== undefined && size > maxPageSize) {
    return { ok: false, message: `The value of query parameter 'pageSize' (${size}) exceeds the maximum page size of ${maxPageSize}` };
  }
  const includeTotal = query.get('includeTotal') === 'true';
  const paging: Paging = { pageSize: size ?? defaultPageSize, pageOffset: offset ?? 0, includeTotal };
  return { ok: true, paging: offsetParam === 'pageOffset' ? paging : { ...paging, offsetParam } };
}

/** A collection href relative to the `/rest` root, e.g. `/systemtools/v1/batch-processes?pageOffset=25&pageSize=25`. */
export function pageHref(path: string, paging: Paging, pageOffset: number): string {
  const query = new URLSearchParams();
  if (pageOffset > 0) query.set(paging.offsetParam ?? 'pageOffset', String(pageOffset));
  if (paging.pageSizeInLinks !== false) query.set('pageSize', String(paging.pageSize));
  if (paging.includeTotal) query.set('includeTotal', 'true');
  return `${path}?${query.toString()}`;
}

/** `self` and `first`, plus `prev` and `next` when those pages exist. */
export function pageLinks(path: string, paging: Paging, total: number): Record<string, Link> {
  const { pageOffset, pageSize } = paging;
  const links: Record<string, Link> = {
    self: { href: pageHref(path, paging, pageOffset) },
    first: { href: pageHref(path, paging, 0) },
  };
  if (pageOffset > 0) links['prev'] = { href: pageHref(path, paging, Math.max(0, Math.min(pageOffset, total) - pageSize)) };
  if (pageOffset + pageSize < total) links['next'] = { href: pageHref(path, paging, pageOffset + pageSize) };
  return links;
}
