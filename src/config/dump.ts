import { stringify } from 'yaml';
import { formatDuration } from './duration.js';
import { redactProxyUrl, redactQuery, redactValues } from './redact-url.js';
import type { AuthConfig, ExporterConfig, ProcessOverride, ProxyConfig, SecretRef, TargetConfig } from './types.js';

/** A secret under `key` as a dump shows it: the value never (`<secret>`), the file it comes from (`key_file`) yes. */
const secret = (key: string, ref: SecretRef): Record<string, string> => (ref.kind === 'file' ? { [`${key}_file`]: ref.path } : { [key]: '<secret>' });

function auth(config: AuthConfig): Record<string, unknown> {
  switch (config.kind) {
    case 'none':
      return {};
    case 'basic':
      return { basic_auth: { username: config.username, ...secret('password', config.password) } };
    case 'authorization':
      return { authorization: { type: config.type, ...secret('credentials', config.credentials) } };
    case 'oauth2': {
      return {
        oauth2: {
          token_url: redactQuery(config.tokenUrl),
          client_id: config.clientId,
          ...secret('client_secret', config.clientSecret),
          scopes: [...config.scopes],
          ...(Object.keys(config.endpointParams).length === 0 ? {} : { endpoint_params: redactValues(config.endpointParams) }),
        },
      };
    }
  }
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
  };
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
    batch_processes: { include: [...t.include], exclude: [...t.exclude] },
    overrides: t.overrides.map(override),
    limits: {
      max_code_length: t.limits.maxCodeLength,
      max_name_length: t.limits.maxNameLength,
      max_text_length: t.limits.maxTextLength,
      max_processes: t.limits.maxProcesses,
      max_page_items: t.limits.maxPageItems,
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
    { global: { run_duration_buckets: [...config.runDurationBuckets] }, targets: config.targets.map(target) },
    { lineWidth: 0 },
  );
}
