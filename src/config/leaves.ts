/**
 * The schema's leaf values, each validated by a plain function and converted here: durations → ms, URLs
 * normalised, proxy URLs and `no_proxy` lists parsed. Messages never quote a value that may be a secret.
 */
import { isIP } from 'node:net';
import * as z from 'zod';
import { parseDuration } from './duration.js';

type Parsed = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly message: string };
type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string; readonly showValue: boolean };

/**
 * A value validated by a plain function. Custom issues carry `params.showValue`: the loader appends the
 * offending value to the message only when the field is not a secret and the value did not come from the
 * environment.
 */
export function required<T>(check: (input: unknown) => Checked<T>) {
  return z.unknown().transform((input, ctx): T => {
    const result = check(input);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.message, params: { showValue: result.showValue } });
    return z.NEVER;
  });
}

/** An optional field validated by a plain function (see {@link required}). */
export const checked = <T>(check: (input: unknown) => Checked<T>) => required(check).optional();

export const duration = checked((input) => {
  // A bare `0` is the one duration YAML reads as a number.
  const ms = typeof input === 'string' ? parseDuration(input) : input === 0 ? 0 : undefined;
  if (ms === undefined) return { ok: false, message: 'expected a duration like 30s or 1h30m', showValue: true };
  if (ms === 0) return { ok: false, message: 'expected a duration greater than 0, like 30s or 1h30m', showValue: true };
  return { ok: true, value: ms };
});

// Strings are accepted so that `${VAR}` (always a string after expansion) works for numbers and booleans.
export const positiveInteger = checked((input) => {
  const n = typeof input === 'string' && /^\d+$/.test(input) ? Number(input) : input;
  if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 1) return { ok: true, value: n };
  return { ok: false, message: 'expected an integer >= 1', showValue: true };
});

export const boolean = checked((input) => {
  if (typeof input === 'boolean') return { ok: true, value: input };
  if (input === 'true' || input === 'false') return { ok: true, value: input === 'true' };
  return { ok: false, message: 'expected true or false', showValue: true };
});

/**
 * Histogram bucket bounds in seconds: a non-empty, strictly ascending list of finite numbers > 0. Only YAML
 * numbers are accepted (not `${VAR}` strings), so the values quoted in the ascending message never come
 * from the environment.
 */
export const buckets = z
  .array(
    required((input) => {
      if (typeof input !== 'number') return { ok: false, message: 'expected a number of seconds', showValue: true };
      if (Number.isFinite(input) && input > 0) return { ok: true, value: input };
      return { ok: false, message: 'expected a finite number greater than 0', showValue: true };
    }),
  )
  .min(1)
  .superRefine(
    (list, ctx) => {
      list.forEach((bound, i) => {
        const previous: unknown = list[i - 1];
        // An invalid element is already reported (and is not a number here); compare valid neighbours only.
        if (i === 0 || typeof bound !== 'number' || typeof previous !== 'number' || bound > previous) return;
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: `buckets must be strictly ascending (${bound} after ${previous})`,
          params: { showValue: false },
        });
      });
    },
    // Also when some elements are invalid, so that every problem is reported at once.
    { when: (payload) => Array.isArray(payload.value) },
  )
  .optional();

/** An absolute http(s) URL without credentials or fragment, trailing slashes removed. */
export function httpUrl(options: { allowQuery: boolean }) {
  return z.string().transform((text, ctx) => {
    const fail = (message: string, showValue: boolean): never => {
      ctx.addIssue({ code: 'custom', message, params: { showValue } });
      return z.NEVER;
    };
    // A URL with `@` may carry a password, one with `?` an API key or audience; never echo them.
    const showValue = !text.includes('@') && !text.includes('?');
    if (!URL.canParse(text)) return fail('expected an absolute http:// or https:// URL', showValue);
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail('expected an http:// or https:// URL', showValue);
    if (url.username !== '' || url.password !== '') {
      return fail('must not contain credentials (user:password@); use basic_auth, authorization or oauth2', false);
    }
    if (text.includes('#')) return fail('must not contain a fragment (#...)', showValue);
    if (!options.allowQuery && text.includes('?')) return fail('must not contain a query (?...)', showValue);
    return url.href.replace(/\/+$/, '');
  });
}

/** `proxy_url`: may carry `user:password@`, so the value is never echoed (see also `isSecretPath`). */
export const proxyUrl = checked((input) => {
  if (typeof input !== 'string') return { ok: false, message: 'expected an http:// or https:// proxy URL', showValue: false };
  const parsed = parseProxyUrl(input, { schemeOptional: false });
  return parsed.ok ? parsed : { ok: false, message: parsed.message, showValue: false };
});

/** `no_proxy`: one comma-separated string, as in Prometheus and the `NO_PROXY` variable. */
export const noProxy = checked((input) => {
  if (typeof input !== 'string') return { ok: false, message: 'expected a comma-separated string like "localhost,.example.com,10.0.0.0/8"', showValue: false };
  const { entries, invalid } = parseNoProxy(input);
  // The list is quoted (by the loader) only when it did not come from the environment.
  if (invalid.length > 0) return { ok: false, message: 'an entry with "/" must be a CIDR block like 10.0.0.0/8 or fd00::/8', showValue: true };
  return { ok: true, value: entries };
});

export const nonEmptyString = z.string().min(1);
export const filePath = z.string().min(1);
export const pattern = z.string().min(1);

export const authorizationType = z
  .string()
  .min(1)
  .refine((type) => type.toLowerCase() !== 'basic', { message: 'type "Basic" is not allowed here; use basic_auth' });

/**
 * Checks a proxy URL: `http://` or `https://`, a host, optionally a port and `user:password@`, nothing
 * else. `schemeOptional` accepts `proxy.corp:3128` as `http://proxy.corp:3128`, as curl and Go do for
 * the environment variables. The result keeps the credentials (percent-encoded) and drops a trailing `/`.
 * Messages never contain the input: it may hold a password.
 */
export function parseProxyUrl(text: string, options: { schemeOptional: boolean }): Parsed {
  const trimmed = text.trim();
  const withScheme = options.schemeOptional && !/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? `http://${trimmed}` : trimmed;
  if (!URL.canParse(withScheme)) return { ok: false, message: 'expected a proxy URL like http://proxy.example.com:3128' };
  const url = new URL(withScheme);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, message: 'expected an http:// or https:// proxy URL (other proxy schemes are not supported)' };
  }
  if (url.hostname === '') return { ok: false, message: 'expected a proxy URL with a host' };
  if (url.pathname !== '/' || url.search !== '' || withScheme.includes('#')) {
    return { ok: false, message: 'a proxy URL has no path, query or fragment: only scheme, host, port and optional user:password@' };
  }
  if (!decodable(url.username) || !decodable(url.password)) {
    return { ok: false, message: 'the user name or password of the proxy URL has an invalid %-escape (write % as %25)' };
  }
  return { ok: true, value: url.href.replace(/\/$/, '') };
}

function decodable(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Splits a `no_proxy` list (`"localhost, .corp.example.com,10.0.0.0/8"`) into trimmed, lowercased
 * entries. `invalid` lists CIDR entries whose address or prefix length is wrong.
 */
export function parseNoProxy(text: string): { entries: string[]; invalid: string[] } {
  const entries = text
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '');
  return { entries, invalid: entries.filter((entry) => entry.includes('/') && !validCidr(entry)) };
}

function validCidr(entry: string): boolean {
  const [address = '', bits = '', ...rest] = entry.split('/');
  const family = isIP(address);
  if (rest.length > 0 || family === 0 || !/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}
