import { InvalidResponseError } from '../errors.js';

/** The API root of a target: origin plus the path up to and including `/rest` (no trailing slash). */
export interface ApiRoot {
  readonly origin: string;
  readonly basePath: string;
}

/** Splits a target's `baseUrl` (`https://host/pc/rest`) into origin and base path. */
export function apiRoot(baseUrl: string): ApiRoot {
  const url = new URL(baseUrl);
  return { origin: url.origin, basePath: url.pathname.replace(/\/+$/, '') };
}

/**
 * `/pc/rest/systemtools/v1/batch-processes`, or one type under it (the code path-encoded). A code that
 * cannot be encoded (a lone surrogate, which the parsers already reject) throws `InvalidResponseError`,
 * not `encodeURIComponent`'s URIError, which would be counted as a network failure.
 */
export function batchProcessesPath(root: ApiRoot, code?: string): string {
  const collection = `${root.basePath}/systemtools/v1/batch-processes`;
  if (code === undefined) return collection;
  try {
    return `${collection}/${encodeURIComponent(code)}`;
  } catch (err) {
    throw new InvalidResponseError(collection, 'type code is not well-formed UTF-16 (lone surrogate)', { cause: err });
  }
}

/** `/pc/rest/systemtools/v1/system-time`: the server's clock and zone. */
export function systemTimePath(root: ApiRoot): string {
  return `${root.basePath}/systemtools/v1/system-time`;
}

/** `/pc/rest/systemtools/v1/database-consistency-checks`: the consistency-check runs. */
export function consistencyChecksPath(root: ApiRoot): string {
  return `${root.basePath}/systemtools/v1/database-consistency-checks`;
}

/** Where an API serves its own definition: `openapi.json`, and the older `swagger.json`, in that order. */
export function apiSchemaPaths(root: ApiRoot): readonly (readonly ['openapi' | 'swagger', string])[] {
  return [
    ['openapi', `${root.basePath}/systemtools/v1/openapi.json`],
    ['swagger', `${root.basePath}/systemtools/v1/swagger.json`],
  ];
}

/** A request path without its query string: the `endpoint` of errors and observations. */
export function endpointOf(path: string): string {
  const q = path.indexOf('?');
  return q === -1 ? path : path.slice(0, q);
}

/**
 * Turns `links.next.href` into a request path. Guidewire makes hrefs relative to the `/rest` root
 * (`/systemtools/v1/batch-processes?pageOffset=25`), so the base path is prefixed. Tolerated too:
 * an href that already starts with the base path, and an absolute URL on the same origin.
 * Another origin is refused: credentials must not follow a link off the target.
 */
export function resolveNextHref(href: string, root: ApiRoot, endpoint: string): string {
  if (/^[a-z][a-z\d+.-]*:/i.test(href) || href.startsWith('//')) {
    const url = new URL(href, root.origin);
    if (url.origin !== root.origin) {
      throw new InvalidResponseError(endpoint, 'links.next.href points to another origin');
    }
    return url.pathname + url.search;
  }
  const relative = href.startsWith('/') ? href : `/${href}`;
  if (root.basePath !== '' && (relative === root.basePath || relative.startsWith(`${root.basePath}/`))) {
    return relative;
  }
  return root.basePath + relative;
}
