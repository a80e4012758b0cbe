import { stringify } from 'yaml';
import { formatDuration } from './duration.js';
import { authKinds, type AuthConfig, type AuthConfigOf, type AuthKind } from './auth-kinds.js';
import { redactProxyUrl } from './redact-url.js';
import { defaults } from './types.js';
import type { ExporterConfig, MaintenanceWindow, ProcessOverride, ProxyConfig, TargetConfig } from './types.js';

/** The target's auth block under its key, as its kind dumps it; nothing without one. */
function auth(config: AuthConfig): Record<string, unknown> {
  return config.kind === 'none' ? {} : authBlock(config);
}

function authBlock<K extends AuthKind>(config: AuthConfigOf<K>): Record<string, unknown> {
  const kind = authKinds[config.kind];
  return { [kind.key]: kind.dump(config) };
}

/**
 * `proxy_url` (password as `<secret>`) and `no_proxy`; a proxy resolved from the environment shows as
 * `proxy_from_environment: true`. Nothing when requests go direct.
 */
function proxy(config: ProxyConfig | undefined): Record<string, unknown> {
  if (config === undefined) return {};
  if (config.source === 'environment') return { proxy_from_environment: true };
  return {
    proxy_url: redactProxyUrl(config.httpsUrl ?? config.httpUrl ?? ''),
    ...(config.noProxy.length === 0 ? {} : { no_proxy: config.noProxy.join(',') }),
  };
}

const duration = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : formatDuration(ms));

function override(o: ProcessOverride): Record<string, unknown> {
  return {
    match: o.match,
    stall_after: duration(o.stallAfterMs),
    history_interval: duration(o.historyIntervalMs),
    history: o.history,
    expect_every: duration(o.expectEveryMs),
    max_duration: duration(o.maxDurationMs),
    schedule: o.schedule === undefined ? undefined : [...o.schedule],
    timezone: o.timezone,
    grace: duration(o.graceMs),
    complete_by: o.completeBy?.text,
    baseline: o.baseline,
    baseline_runs: o.baselineRuns,
    baseline_min_runs: o.baselineMinRuns,
    duration_factor: o.durationFactor,
    failure_threshold: o.failureThreshold,
    labels: o.labels === undefined ? undefined : { ...o.labels },
  };
}

function maintenance(w: MaintenanceWindow): Record<string, unknown> {
  if (w.kind === 'absolute') return { name: w.name, from: new Date(w.from).toISOString(), until: new Date(w.until).toISOString() };
  return { name: w.name, cron: w.expression, duration: formatDuration(w.durationMs), timezone: w.timezone };
}

/** The file (resolved) and env; the entries themselves are in the file. */
function schedulerImport(t: TargetConfig): Record<string, unknown> {
  const imported = t.schedulerImport;
  return imported === undefined ? {} : { scheduler_config_file: imported.file, scheduler_env: imported.env };
}

function target(t: TargetConfig): Record<string, unknown> {
  const tls = t.tls;
  return {
    name: t.name,
    base_url: t.baseUrl,
    ...auth(t.auth),
    tls_config: { ca_file: tls.caFile, cert_file: tls.certFile, key_file: tls.keyFile, server_name: tls.serverName, insecure_skip_verify: tls.insecureSkipVerify },
    ...proxy(t.proxy),
    poll_interval: formatDuration(t.pollIntervalMs),
    request_timeout: formatDuration(t.requestTimeoutMs),
    concurrency: t.concurrency,
    list_page_size: t.listPageSize,
    stall_after: formatDuration(t.stallAfterMs),
    max_staleness: formatDuration(t.maxStalenessMs),
    history_interval: formatDuration(t.historyIntervalMs),
    history: t.history,
    expect_every: duration(t.expectEveryMs),
    max_duration: duration(t.maxDurationMs),
    duration_factor: t.durationFactor,
    batch_processes: { include: [...t.include], exclude: [...t.exclude] },
    overrides: t.overrides.map(override),
    timezone: t.timezone,
    grace: formatDuration(t.graceMs),
    ...schedulerImport(t),
    // `global`'s windows included: this is what applies to the target.
    maintenance: t.maintenance.map(maintenance),
    limits: {
      max_code_length: t.limits.maxCodeLength,
      max_name_length: t.limits.maxNameLength,
      max_text_length: t.limits.maxTextLength,
      max_processes: t.limits.maxProcesses,
      max_page_items: t.limits.maxPageItems,
      max_kept_runs: t.limits.maxKeptRuns,
    },
  };
}

/**
 * The effective configuration (defaults and inheritance applied) as YAML in the file's own keys, with
 * every inline secret shown as `<secret>` (and so are `endpoint_params` values and the values of
 * `token_url`'s query) and secret files by path only. Pure.
 */
export function dumpConfig(config: ExporterConfig): string {
  return stringify(
    { global: { run_duration_buckets: [...config.runDurationBuckets] }, targets: config.targets.map(target), events: { ...(config.events ?? defaults.events) } },
    { lineWidth: 0 },
  );
}
