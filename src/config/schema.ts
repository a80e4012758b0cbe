/**
 * The shape of the YAML configuration file, as zod schemas over the parsed (env-expanded) document.
 * Leaf values are checked and converted by `leaves.ts` (durations → ms, URLs normalised); cross-field rules (exactly one auth
 * block, password xor password_file, …) live in `rules.ts` because zod skips object refinements when any
 * field of the object is invalid, and every problem should be reported at once.
 */
import * as z from 'zod';
import { authKindList, type AuthKind, type AuthKindTable } from './auth-kinds.js';
import { boolean, buckets, duration, filePath, httpUrl, noProxy, nonEmptyString, pattern, positiveInteger, proxyUrl } from './leaves.js';
import { completeBy, cron, schedule, timeZone, timestamp } from './schedule-leaves.js';
import { baselineRuns, durationFactor, failureThreshold, ownershipLabels } from './baseline-leaves.js';
import { RunEventSinkKinds } from './types.js';

/** `limits:` keys; each one a target does not set is inherited from `global`, then from the defaults. */
const limitsShape = {
  max_code_length: positiveInteger,
  max_name_length: positiveInteger,
  max_text_length: positiveInteger,
  max_processes: positiveInteger,
  max_page_items: positiveInteger,
  max_kept_runs: positiveInteger,
};

/**
 * One `maintenance:` window: `cron` + `duration` (recurring; `timezone` defaults to the target's) or
 * `from` + `until` (absolute). Which keys go together is checked by `rules.ts` (maintenanceFindings).
 */
const maintenanceShape = {
  name: nonEmptyString.optional(),
  cron,
  duration,
  timezone: timeZone,
  from: timestamp,
  until: timestamp,
};

/** Most windows in one `maintenance:` list. */
export const maxMaintenanceWindows = 100;

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
  timezone: timeZone,
  grace: duration,
  /** Not replaced but added to: `global`'s windows apply to every target, before the target's own. */
  maintenance: z.array(z.strictObject(maintenanceShape)).max(maxMaintenanceWindows).optional(),
  duration_factor: durationFactor,
};

const globalShape = {
  ...inheritedShape,
  run_duration_buckets: buckets,
};

type AuthBlocks = {
  readonly [K in AuthKind as AuthKindTable[K]['key']]: z.ZodOptional<z.ZodObject<AuthKindTable[K]['shape'], z.core.$strict>>;
};

/** One optional block per auth kind, under its key (`oauth2`, `basic_auth`, …). */
// The entries are built from the same table the type maps over, so the cast only names what they are.
const authBlocks = Object.fromEntries(authKindList.map(({ key, shape }) => [key, z.strictObject(shape).optional()])) as unknown as AuthBlocks;

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
  schedule,
  timezone: timeZone,
  grace: duration,
  complete_by: completeBy,
  baseline: boolean,
  baseline_runs: baselineRuns,
  baseline_min_runs: baselineRuns,
  duration_factor: durationFactor,
  failure_threshold: failureThreshold,
  labels: ownershipLabels,
};

const targetShape = {
  name: nonEmptyString,
  base_url: httpUrl({ allowQuery: false }),
  ...authBlocks,
  tls_config: z.strictObject(tlsShape).optional(),
  ...inheritedShape,
  batch_processes: z.strictObject(batchProcessesShape).optional(),
  overrides: z.array(z.strictObject(overrideShape)).optional(),
  scheduler_config_file: filePath.optional(),
  scheduler_env: nonEmptyString.optional(),
};

/** `events:`; `file` goes with `sink: file` and only with it. */
const eventsShape = {
  sink: z.enum(RunEventSinkKinds).optional(),
  file: filePath.optional(),
};

const events = z.strictObject(eventsShape).superRefine((value, ctx) => {
  if (value.sink === 'file' && value.file === undefined) ctx.addIssue({ code: 'custom', path: ['sink'], message: 'sink "file" requires "file"' });
  if (value.sink !== 'file' && value.file !== undefined) ctx.addIssue({ code: 'custom', path: ['file'], message: '"file" is used only with sink "file"' });
});

const rootShape = {
  global: z.strictObject(globalShape).optional(),
  targets: z.array(z.strictObject(targetShape)).min(1),
  events: events.optional(),
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
  ...Object.fromEntries(authKindList.map(({ key, shape }) => [key, Object.keys(shape)])),
  tls_config: Object.keys(tlsShape),
  batch_processes: Object.keys(batchProcessesShape),
  overrides: Object.keys(overrideShape),
  limits: Object.keys(limitsShape),
  maintenance: Object.keys(maintenanceShape),
  events: Object.keys(eventsShape),
};

/** Keys naming files that must exist and be readable, by the block they sit in. */
export const fileKeys: Readonly<Record<string, readonly string[]>> = {
  tls_config: ['ca_file', 'cert_file', 'key_file'],
  ...Object.fromEntries(authKindList.map(({ key, secret }) => [key, [`${secret.key}_file`]])),
};

/** Keys whose values may be secrets wherever they sit: each auth kind's secret, and `proxy_url` (`user:password@`). */
const secretKeys: readonly (string | number)[] = [...authKindList.map(({ secret }) => secret.key), 'proxy_url'];
/** Keys under which no value is ever shown (`endpoint_params`). */
const hiddenKeys: readonly (string | number)[] = authKindList.flatMap(({ hidden }) => hidden ?? []);

/** True when a value at this path may be a secret and must never be echoed in a message. */
export function isSecretPath(path: readonly (string | number)[]): boolean {
  const last = path.at(-1);
  return path.some((key) => hiddenKeys.includes(key)) || (last !== undefined && secretKeys.includes(last));
}
