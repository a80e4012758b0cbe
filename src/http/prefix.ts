/** Where a request path lands under the route prefix. */
export type PrefixResolution =
  | { readonly kind: 'local'; readonly path: string }
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'outside' };

/**
 * Maps a request path onto the endpoints served under `prefix` (`/` or `/a/b`, normalised by the flag
 * parser). `<prefix>/x` is `/x`; `<prefix>` and `/` redirect to `<prefix>/`, where the status page is, so
 * that its relative links resolve under the prefix; anything else is outside. Redirects are relative to
 * the request, so they also hold behind a proxy that serves the exporter under a longer path. Pure.
 */
export function resolvePrefix(path: string, prefix: string): PrefixResolution {
  if (prefix === '/') return { kind: 'local', path };
  if (path.startsWith(`${prefix}/`)) return { kind: 'local', path: path.slice(prefix.length) };
  // `./` keeps a segment with a colon from reading as a URL scheme.
  if (path === prefix) return { kind: 'redirect', location: `./${prefix.slice(prefix.lastIndexOf('/') + 1)}/` };
  if (path === '/') return { kind: 'redirect', location: `.${prefix}/` };
  return { kind: 'outside' };
}
