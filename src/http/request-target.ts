/**
 * The request target as written on the request line, split into path and query without normalising
 * anything. Routing on the raw path means a front proxy that allows or denies by path sees exactly what
 * the exporter routes on: `new URL()` would resolve `/x/../-/reload`, `%2e%2e` and backslashes and read
 * `//x/...` as a host, so a denied endpoint could be reached under another spelling. Pure.
 */

export type RequestTarget =
  | { readonly ok: true; readonly path: string; readonly query: string }
  | { readonly ok: false; readonly reason: string };

// C0 controls, DEL and the space; Node's parser rejects most, this holds whatever it lets through.
// eslint-disable-next-line no-control-regex
const control = /[\u0000-\u0020\u007f]/;
// Encoded `.`, `/`, `\` and encoded controls: a decoding proxy or framework would see another path.
const encodedSeparator = /%(?:2e|2f|5c|[01][0-9a-f]|7f)/i;

/**
 * Splits an origin-form request target (`/path?query`) into its raw path and query (without the `?`).
 * Anything else is refused with a reason: absolute-form (`http://host/x`), authority-form (`host:443`),
 * `*`, a path starting with or containing `//`, `.` or `..` segments, backslashes, encoded dots, slashes,
 * backslashes or control characters in the path, control characters or `#` anywhere.
 */
export function parseRequestTarget(target: string): RequestTarget {
  const refuse = (reason: string): RequestTarget => ({ ok: false, reason });
  if (!target.startsWith('/')) return refuse('not an absolute path (absolute-form, authority-form or *)');
  if (control.test(target)) return refuse('control character or space');
  if (target.includes('#')) return refuse('fragment');
  const at = target.indexOf('?');
  const path = at < 0 ? target : target.slice(0, at);
  if (path.includes('//')) return refuse('empty path segment (//)');
  if (path.includes('\\')) return refuse('backslash');
  if (encodedSeparator.test(path)) return refuse('encoded dot, slash, backslash or control character');
  if (path.split('/').some((segment) => segment === '.' || segment === '..')) return refuse('dot segment');
  return { ok: true, path, query: at < 0 ? '' : target.slice(at + 1) };
}
