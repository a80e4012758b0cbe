/**
 * Maps the validated file (snake_case, as written) onto the exporter's `ExporterConfig`: defaults merged,
 * relative file paths resolved against the config file's directory, everything deep-frozen. Pure.
 */
import path from 'node:path';
import { authEndpoint, authKindList, authKinds, type AuthConfig, type AuthConfigOf, type AuthKind } from './auth-kinds.js';
import { parseProxyUrl } from './leaves.js';
import { envNoProxy, envVariable, schemesOf, type Env } from './proxy-env.js';
import { defaults } from './types.js';
import type { EventsConfig, ExporterConfig, Limits, MaintenanceWindow, ProcessOverride, ProxyConfig, SchedulerImport, TargetConfig, TlsConfig } from './types.js';
import type { RawConfig, RawTarget } from './schema.js';

/** Freezes `value` and everything reachable from it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The target's auth block, if any, built by its kind (rules.ts allows one block at most). */
function auth(target: RawTarget, baseDir: string): AuthConfig {
  const blocks: Readonly<Record<string, unknown>> = target;
  const found = authKindList.find(({ key }) => blocks[key] !== undefined);
  return found === undefined ? { kind: 'none' } : authOf(found.kind, blocks[found.key], baseDir);
}

function authOf<K extends AuthKind>(kind: K, block: unknown, baseDir: string): AuthConfig {
  const config: AuthConfigOf<K> = { kind, ...authKinds[kind].settings(block, baseDir) };
  // An AuthConfigOf<K> is one member of the AuthConfig union; the compiler cannot pick it for a generic K.
  return config as AuthConfig;
}

function tls(raw: RawTarget['tls_config'], baseDir: string): TlsConfig {
  const file = (p: string | undefined): string | undefined => (p === undefined ? undefined : path.resolve(baseDir, p));
  const caFile = file(raw?.ca_file);
  const certFile = file(raw?.cert_file);
  const keyFile = file(raw?.key_file);
  const serverName = raw?.server_name;
  return {
    ...(caFile !== undefined && { caFile }),
    ...(certFile !== undefined && { certFile }),
    ...(keyFile !== undefined && { keyFile }),
    ...(serverName !== undefined && { serverName }),
    insecureSkipVerify: raw?.insecure_skip_verify ?? false,
  };
}

type RawOverride = NonNullable<RawTarget['overrides']>[number];

/** Only the settings the entry gives: an absent one falls back to the target's. */
function override(raw: RawOverride): ProcessOverride {
  return {
    match: raw.match,
    ...(raw.stall_after !== undefined && { stallAfterMs: raw.stall_after }),
    ...(raw.history_interval !== undefined && { historyIntervalMs: raw.history_interval }),
    ...(raw.history !== undefined && { history: raw.history }),
    ...(raw.expect_every !== undefined && { expectEveryMs: raw.expect_every }),
    ...(raw.max_duration !== undefined && { maxDurationMs: raw.max_duration }),
    ...(raw.schedule !== undefined && { schedule: raw.schedule }),
    ...(raw.timezone !== undefined && { timezone: raw.timezone }),
    ...(raw.grace !== undefined && { graceMs: raw.grace }),
    ...(raw.complete_by !== undefined && { completeBy: raw.complete_by }),
    ...(raw.baseline !== undefined && { baseline: raw.baseline }),
    ...(raw.baseline_runs !== undefined && { baselineRuns: raw.baseline_runs }),
    ...(raw.baseline_min_runs !== undefined && { baselineMinRuns: raw.baseline_min_runs }),
    ...(raw.duration_factor !== undefined && { durationFactor: raw.duration_factor }),
    ...(raw.failure_threshold !== undefined && { failureThreshold: raw.failure_threshold }),
    ...(raw.labels !== undefined && Object.keys(raw.labels).length > 0 && { labels: { ...raw.labels } }),
  };
}

type RawWindow = NonNullable<RawTarget['maintenance']>[number];

/**
 * One validated window (rules.ts checked that it is cron + duration or from + until). A recurring
 * window without `timezone` is read in the target's zone, else UTC.
 */
function maintenanceWindow(raw: RawWindow, targetZone: string | undefined): MaintenanceWindow {
  const name = raw.name === undefined ? {} : { name: raw.name };
  if (raw.cron !== undefined && raw.duration !== undefined) {
    return { kind: 'recurring', ...name, expression: raw.cron, timezone: raw.timezone ?? targetZone ?? 'UTC', durationMs: raw.duration };
  }
  if (raw.from !== undefined && raw.until !== undefined) return { kind: 'absolute', ...name, from: raw.from, until: raw.until };
  throw new Error('maintenance window without cron + duration or from + until (rules.ts should have reported it)');
}

type RawLimits = RawTarget['limits'];

/** Each limit from the target, else from `global`, else the default: key by key, so a target may raise one bound only. */
function limits(raw: RawLimits, global: RawLimits): Limits {
  const d = defaults.limits;
  return {
    maxCodeLength: raw?.max_code_length ?? global?.max_code_length ?? d.maxCodeLength,
    maxNameLength: raw?.max_name_length ?? global?.max_name_length ?? d.maxNameLength,
    maxTextLength: raw?.max_text_length ?? global?.max_text_length ?? d.maxTextLength,
    maxProcesses: raw?.max_processes ?? global?.max_processes ?? d.maxProcesses,
    maxPageItems: raw?.max_page_items ?? global?.max_page_items ?? d.maxPageItems,
    maxKeptRuns: raw?.max_kept_runs ?? global?.max_kept_runs ?? d.maxKeptRuns,
  };
}

/**
 * The effective proxy of one validated target. A target that sets `proxy_url` or
 * `proxy_from_environment` replaces `global`'s choice; `no_proxy` is inherited on its own. Without
 * `proxy_url` and unless `proxy_from_environment: false`, the proxy comes from the environment (only the
 * variables for the schemes the target uses). `undefined`: requests go direct.
 */
function resolveProxy(raw: RawTarget, auth: AuthConfig, global: RawConfig['global'], env: Env): ProxyConfig | undefined {
  const own = raw.proxy_url !== undefined || raw.proxy_from_environment !== undefined;
  const proxyUrl = own ? raw.proxy_url : global?.proxy_url;
  const fromEnvironment = (own ? raw.proxy_from_environment : global?.proxy_from_environment) ?? true;
  if (proxyUrl !== undefined) {
    return { source: 'proxy_url', httpUrl: proxyUrl, httpsUrl: proxyUrl, noProxy: [...(raw.no_proxy ?? global?.no_proxy ?? [])] };
  }
  if (!fromEnvironment) return undefined;
  const urls: { httpUrl?: string; httpsUrl?: string } = {};
  for (const scheme of schemesOf(raw.base_url, authEndpoint(auth)?.url)) {
    const variable = envVariable(env, scheme);
    const parsed = variable === undefined ? undefined : parseProxyUrl(variable.value, { schemeOptional: true });
    // An unusable variable was reported by proxyFindings before the configuration was built.
    if (parsed?.ok === true) urls[scheme === 'https' ? 'httpsUrl' : 'httpUrl'] = parsed.value;
  }
  if (urls.httpUrl === undefined && urls.httpsUrl === undefined) return undefined;
  return { source: 'environment', ...urls, noProxy: envNoProxy(env) };
}

function target(raw: RawTarget, global: RawConfig['global'], baseDir: string, env: Env, schedulerImport: SchedulerImport | undefined): TargetConfig {
  const expectEveryMs = raw.expect_every ?? global?.expect_every;
  const timezone = raw.timezone ?? global?.timezone;
  const maxDurationMs = raw.max_duration ?? global?.max_duration;
  const durationFactor = raw.duration_factor ?? global?.duration_factor;
  const authConfig = auth(raw, baseDir);
  const proxy = resolveProxy(raw, authConfig, global, env);
  return {
    name: raw.name,
    baseUrl: raw.base_url,
    auth: authConfig,
    tls: tls(raw.tls_config, baseDir),
    ...(proxy !== undefined && { proxy }),
    pollIntervalMs: raw.poll_interval ?? global?.poll_interval ?? defaults.pollIntervalMs,
    requestTimeoutMs: raw.request_timeout ?? global?.request_timeout ?? defaults.requestTimeoutMs,
    concurrency: raw.concurrency ?? global?.concurrency ?? defaults.concurrency,
    listPageSize: raw.list_page_size ?? global?.list_page_size ?? defaults.listPageSize,
    stallAfterMs: raw.stall_after ?? global?.stall_after ?? defaults.stallAfterMs,
    maxStalenessMs: raw.max_staleness ?? global?.max_staleness ?? defaults.maxStalenessMs,
    historyIntervalMs: raw.history_interval ?? global?.history_interval ?? defaults.historyIntervalMs,
    history: raw.history ?? global?.history ?? defaults.history,
    ...(expectEveryMs !== undefined && { expectEveryMs }),
    ...(maxDurationMs !== undefined && { maxDurationMs }),
    ...(durationFactor !== undefined && { durationFactor }),
    include: [...(raw.batch_processes?.include ?? defaults.include)],
    exclude: [...(raw.batch_processes?.exclude ?? defaults.exclude)],
    overrides: (raw.overrides ?? []).map(override),
    limits: limits(raw.limits, global?.limits),
    ...(timezone !== undefined && { timezone }),
    graceMs: raw.grace ?? global?.grace ?? defaults.graceMs,
    ...(schedulerImport !== undefined && { schedulerImport }),
    // `global`'s windows apply to every target; a target's own are added, not substituted.
    maintenance: [...(global?.maintenance ?? []), ...(raw.maintenance ?? [])].map((w) => maintenanceWindow(w, timezone)),
  };
}

/** `events:` with its default; a relative `file` resolves against the configuration file's directory. */
function events(raw: RawConfig['events'], baseDir: string): EventsConfig {
  if (raw?.sink === 'file' && raw.file !== undefined) return { sink: 'file', file: path.resolve(baseDir, raw.file) };
  // The schema rejects `sink: file` without a file.
  return raw?.sink === 'stdout' ? { sink: 'stdout' } : { ...defaults.events };
}

/**
 * Builds the frozen `ExporterConfig` from a file that passed the schema and `rules.ts`. `baseDir` is the
 * directory of the configuration file; relative `*_file` paths resolve against it. `env` supplies the
 * proxy variables (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`) for targets without `proxy_url`. `imports`
 * holds each target's parsed `scheduler_config_file`, by target index.
 */
export function buildConfig(raw: RawConfig, baseDir: string, env: Env, imports: ReadonlyMap<number, SchedulerImport> = new Map()): ExporterConfig {
  return deepFreeze({
    targets: raw.targets.map((t, i) => target(t, raw.global, baseDir, env, imports.get(i))),
    // Copied: `defaults` is shared, and deepFreeze must not freeze it as a side effect.
    runDurationBuckets: [...(raw.global?.run_duration_buckets ?? defaults.runDurationBuckets)],
    events: events(raw.events, baseDir),
  });
}
