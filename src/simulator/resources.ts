import { createHash } from 'node:crypto';
import { pageLinks, type Paging } from './paging.js';
import type { RawBatchProcess } from './types.js';

/** The JSON envelopes of the batch-processes resources. Hrefs are relative to the `/rest` root. */

export const BATCH_PROCESSES_PATH = '/systemtools/v1/batch-processes';

/** One path segment, percent-encoded except for `:` and `@`, which RFC 3986 allows there (history ids have `:`). */
export function encodePathSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/%3A/g, ':').replace(/%40/g, '@');
}

/** The href of one batch process type. */
export function batchProcessHref(code: string): string {
  return `${BATCH_PROCESSES_PATH}/${encodePathSegment(code)}`;
}

function attributesOf(p: RawBatchProcess, withStatus: boolean): Record<string, unknown> {
  return {
    distributed: p.distributed,
    ...(withStatus ? { status: p.status } : {}),
    type: { code: p.type.code, name: p.type.name },
    ...(withStatus && p.workQueueStatus !== undefined ? { workQueueStatus: p.workQueueStatus } : {}),
  };
}

/** A short content hash of `attributes`, standing in for Guidewire's opaque `checksum`. */
function checksumOf(attributes: Record<string, unknown>): string {
  return createHash('sha1').update(JSON.stringify(attributes)).digest('hex').slice(0, 16);
}

/** A Cloud API resource element: `{ attributes, checksum, links.self }`. */
export function resourceElement(attributes: Record<string, unknown>, selfHref: string): Record<string, unknown> {
  return { attributes, checksum: checksumOf(attributes), links: { self: { href: selfHref, methods: ['get'] } } };
}

/** One page of a Cloud API collection over `all` (in served order): count, `total` when asked for, data, paging links. */
export function pagedCollection<T>(all: readonly T[], paging: Paging, href: string, toElement: (row: T) => Record<string, unknown>): Record<string, unknown> {
  const page = all.slice(paging.pageOffset, paging.pageOffset + paging.pageSize);
  return {
    count: page.length,
    ...(paging.includeTotal ? { total: all.length } : {}),
    data: page.map(toElement),
    links: pageLinks(href, paging, all.length),
  };
}

const element = (p: RawBatchProcess, withStatus: boolean): Record<string, unknown> => resourceElement(attributesOf(p, withStatus), batchProcessHref(p.type.code));

/** `GET /batch-processes/{type}`: `{ data: { attributes, checksum, links } }`, status always included. */
export function batchProcessDocument(p: RawBatchProcess): Record<string, unknown> {
  return { data: element(p, true) };
}

/** `GET /batch-processes`: one page of `all`, with `total` when asked for and paging links. */
export function batchProcessCollection(
  all: readonly RawBatchProcess[],
  paging: Paging,
  withStatus: boolean,
): Record<string, unknown> {
  return pagedCollection(all, paging, BATCH_PROCESSES_PATH, (p) => element(p, withStatus));
}
