/**
 * The shape of the YAML configuration file, as zod schemas over the parsed (env-expanded) document.
 * Leaf values are checked and converted by `leaves.ts` (durations → ms, URLs normalised); cross-field rules (exactly one auth
 * block, password xor password_file, …) live in `rules.ts` because zod skips object refinements when any
 * field of the object is invalid, and every problem should be reported at once.
 */
import * as z from 'zod';
import { authorizationType, boolean, buckets, duration, filePath, httpUrl, noProxy, nonEmptyString, pattern, positiveInteger, proxyUrl } from './leaves.js';

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
