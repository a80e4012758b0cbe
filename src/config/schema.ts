/**
 * The shape of the YAML configuration file, as zod schemas over the parsed (env-expanded) document.
 * Leaf values are converted here (durations → ms, URLs normalised); cross-field rules (exactly one auth
 * block, password xor password_file, …) live in `rules.ts` because zod skips object refinements when any
 * field of the object is invalid, and every problem should be reported at once.
 */
import * as z from 'zod';
import { parseDuration } from './duration.js';
import { parseNoProxy, parseProxyUrl } from './proxy.js';

type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string; readonly showValue: boolean };

/**
 * A value validated by a plain function. Custom issues carry `params.showValue`: the loader appends the
 * offending value to the message only when the field is not a secret and the value did not come from the
 * environment.
 */
function required<T>(check: (input: unknown) => Checked<T>) {
  return z.unknown().transform((input, ctx): T => {
    const result = check(input);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.message, params: { showValue: result.showValue } });
    return z.NEVER;
  });
}

/** An optional field validated by a plain function (see {@link required}). */
const checked = <T>(check: (input: unknown) => Checked<T>) => required(check).optional();

const duration = checked((input) => {
  // A bare `0` is the one duration YAML reads as a number.
  const ms = typeof input === 'string' ? parseDuration(input) : input === 0 ? 0 : undefined;
  if (ms === undefined) return { ok: false, message: 'expected a duration like 30s or 1h30m', showValue: true };
  if (ms === 0) return { ok: false, message: 'expected a duration greater than 0, like 30s or 1h30m', showValue: true };
  return { ok: true, value: ms };
});

// Strings are accepted so that `${VAR}` (always a string after expansion) works for numbers and booleans.
const positiveInteger = checked((input) => {
  const n = typeof input === 'string' && /^\d+$/.test(input) ? Number(input) : input;
  if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 1) return { ok: true, value: n };
  return { ok: false, message: 'expected an integer >= 1', showValue: true };
});

const boolean = checked((input) => {
  if (typeof input === 'boolean') return { ok: true, value: input };
  if (input === 'true' || input === 'false') return { ok: true, value: input === 'true' };
  return { ok: false, message: 'expected true or false', showValue: true };
});

/**
 * Histogram bucket bounds in seconds: a non-empty, strictly ascending list of finite numbers > 0. Only YAML
 * numbers are accepted (not `${VAR}` strings), so the values quoted in the ascending message never come
 * from the environment.
 */
const buckets = z
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
function httpUrl(options: { allowQuery: boolean }) {
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
const proxyUrl = checked((input) => {
  if (typeof input !== 'string') return { ok: false, message: 'expected an http:// or https:// proxy URL', showValue: false };
  const parsed = parseProxyUrl(input, { schemeOptional: false });
  return parsed.ok ? parsed : { ok: false, message: parsed.message, showValue: false };
});

/** `no_proxy`: one comma-separated string, as in Prometheus and the `NO_PROXY` variable. */
const noProxy = checked((input) => {
  if (typeof input !== 'string') return { ok: false, message: 'expected a comma-separated string like "localhost,.example.com,10.0.0.0/8"', showValue: false };
  const { entries, invalid } = parseNoProxy(input);
  // The list is quoted (by the loader) only when it did not come from the environment.
  if (invalid.length > 0) return { ok: false, message: 'an entry with "/" must be a CIDR block like 10.0.0.0/8 or fd00::/8', showValue: true };
  return { ok: true, value: entries };
});

const nonEmptyString = z.string().min(1);
const filePath = z.string().min(1);
const pattern = z.string().min(1);

const authorizationType = z
  .string()
  .min(1)
  .refine((type) => type.toLowerCase() !== 'basic', { message: 'type "Basic" is not allowed here; use basic_auth' });

/** `limits:` keys; each one a target does not set is inherited from `global`, then from the defaults. */
const limitsShape = {
  max_code_length: positiveInteger,
  max_name_length: positiveInteger,
  max_text_length: positiveInteger,
  max_processes: positiveInteger,
  max_page_items: positiveInteger,
};

/** Settings a target inherits from `global` unless it sets them itself. */
const inheritedShape = {
  poll_interval: duration,
  request_timeout: duration,
  concurrency: positiveInteger,
  list_page_size: positiveInteger,
  stall_after: duration,
  max_staleness: duration,
  history_interval: duration,
  history: boolean,
  expect_every: duration,
  max_duration: duration,
  proxy_url: proxyUrl,
  no_proxy: noProxy,
  proxy_from_environment: boolean,
  limits: z.strictObject(limitsShape).optional(),
};

const globalShape = {
  ...inheritedShape,
  run_duration_buckets: buckets,
};

const oauth2Shape = {
  token_url: httpUrl({ allowQuery: true }),
  client_id: nonEmptyString,
  client_secret: z.string().optional(),
  client_secret_file: filePath.optional(),
  scopes: z.array(nonEmptyString).optional(),
  endpoint_params: z.record(z.string(), z.string()).optional(),
};

const basicAuthShape = {
  username: nonEmptyString,
  password: z.string().optional(),
  password_file: filePath.optional(),
};

const authorizationShape = {
  type: authorizationType.optional(),
  credentials: z.string().optional(),
  credentials_file: filePath.optional(),
};

const tlsShape = {
  ca_file: filePath.optional(),
  cert_file: filePath.optional(),
  key_file: filePath.optional(),
  server_name: nonEmptyString.optional(),
  insecure_skip_verify: boolean,
};

const batchProcessesShape = {
  include: z.array(pattern).min(1).optional(),
  exclude: z.array(pattern).optional(),
};

const overrideShape = {
  match: pattern,
  stall_after: duration,
  history_interval: duration,
  history: boolean,
  expect_every: duration,
  max_duration: duration,
};

const targetShape = {
  name: nonEmptyString,
  base_url: httpUrl({ allowQuery: false }),
  oauth2: z.strictObject(oauth2Shape).optional(),
  basic_auth: z.strictObject(basicAuthShape).optional(),
  authorization: z.strictObject(authorizationShape).optional(),
  tls_config: z.strictObject(tlsShape).optional(),
  ...inheritedShape,
  batch_processes: z.strictObject(batchProcessesShape).optional(),
  overrides: z.array(z.strictObject(overrideShape)).optional(),
};

const rootShape = {
  global: z.strictObject(globalShape).optional(),
  targets: z.array(z.strictObject(targetShape)).min(1),
};

/** The whole file. Parse the env-expanded `doc.toJS()` with it. */
export const configSchema = z.strictObject(rootShape);

/** The validated file, snake_case as written, with durations in ms. */
export type RawConfig = z.output<typeof configSchema>;
export type RawTarget = RawConfig['targets'][number];

/**
 * Known keys of each kind of object, by the key the object sits under (the last key of its path; `''`
 * for the root). Used to suggest a key for a misspelt one.
 */
export const knownKeys: Readonly<Record<string, readonly string[]>> = {
  '': Object.keys(rootShape),
  global: Object.keys(globalShape),
  targets: Object.keys(targetShape),
  oauth2: Object.keys(oauth2Shape),
  basic_auth: Object.keys(basicAuthShape),
  authorization: Object.keys(authorizationShape),
  tls_config: Object.keys(tlsShape),
  batch_processes: Object.keys(batchProcessesShape),
  overrides: Object.keys(overrideShape),
  limits: Object.keys(limitsShape),
};

/** The mutually exclusive authentication blocks of a target. */
export const authBlocks = ['oauth2', 'basic_auth', 'authorization'] as const;

/** Keys whose values are secrets, by the block they sit in: each needs exactly one of the two. */
export const secretPairs = {
  oauth2: ['client_secret', 'client_secret_file'],
  basic_auth: ['password', 'password_file'],
  authorization: ['credentials', 'credentials_file'],
} as const;

/** Keys naming files that must exist and be readable, by the block they sit in. */
export const fileKeys = {
  tls_config: ['ca_file', 'cert_file', 'key_file'],
  oauth2: ['client_secret_file'],
  basic_auth: ['password_file'],
  authorization: ['credentials_file'],
} as const;

/** True when a value at this path may be a secret and must never be echoed in a message. */
export function isSecretPath(path: readonly (string | number)[]): boolean {
  const last = path.at(-1);
  return (
    path.includes('endpoint_params') || last === 'password' || last === 'client_secret' || last === 'credentials' || last === 'proxy_url'
  );
}
