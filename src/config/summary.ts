/**
 * A short, human-readable summary of a loaded configuration, printed by `--config.check`. It shows where
 * secrets come from, never what they are.
 */
import { formatDuration } from './duration.js';
import { authKinds, type AuthConfig, type AuthConfigOf, type AuthKind } from './auth-kinds.js';
import { redactProxyUrl } from './redact-url.js';
import type { ExporterConfig, Limits, ProxyConfig, SchedulerImport, TargetConfig } from './types.js';

/** `none`, or the kind with its details: `basic (username ops, password from file /run/secrets/gw)`. */
function describeAuth(auth: AuthConfig): string {
  return auth.kind === 'none' ? 'none' : `${auth.kind} (${details(auth)})`;
}

const details = <K extends AuthKind>(auth: AuthConfigOf<K>): string => authKinds[auth.kind].describe(auth);

/** The proxy with any password as `<secret>`, and where it came from. */
function describeProxy(proxy: ProxyConfig): string {
  const except = proxy.noProxy.length === 0 ? '' : `, except ${proxy.noProxy.join(', ')}`;
  if (proxy.source === 'proxy_url') return `${redactProxyUrl(proxy.httpsUrl ?? proxy.httpUrl ?? '')} (proxy_url${except})`;
  const urls = [
    ...(proxy.httpsUrl === undefined ? [] : [`https:// via ${redactProxyUrl(proxy.httpsUrl)}`]),
    ...(proxy.httpUrl === undefined ? [] : [`http:// via ${redactProxyUrl(proxy.httpUrl)}`]),
  ];
  return `${urls.join(', ')} (from the environment${except}; loopback hosts direct)`;
}

const list = (patterns: readonly string[]): string => (patterns.length === 0 ? '(none)' : patterns.join(', '));

/** A duration row, only when the setting is configured. */
const optional = (key: string, ms: number | undefined): [string, string][] => (ms === undefined ? [] : [[key, formatDuration(ms)]]);

function describeLimits(limits: Limits): string {
  return [
    `code ${limits.maxCodeLength}`,
    `name ${limits.maxNameLength}`,
    `text ${limits.maxTextLength} chars`,
    `${limits.maxProcesses} processes`,
    `${limits.maxPageItems} items per page`,
    `${limits.maxKeptRuns} kept runs`,
  ].join(', ');
}

function describeImport(imported: SchedulerImport): string {
  const count = imported.processes.size;
  const env = imported.env === undefined ? 'no scheduler_env' : `scheduler_env ${imported.env}`;
  return `${imported.file} (${env}; ${count} process${count === 1 ? '' : 'es'} scheduled)`;
}

function describeTarget(target: TargetConfig): string {
  const rows: [string, string][] = [
    ['base_url', target.baseUrl],
    ['auth', describeAuth(target.auth)],
    ...(target.proxy === undefined ? [] : [['proxy', describeProxy(target.proxy)] as [string, string]]),
    ...(target.tls.insecureSkipVerify ? [['tls', 'certificate verification DISABLED (insecure_skip_verify)'] as [string, string]] : []),
    ['include', list(target.include)],
    ['exclude', list(target.exclude)],
    ['poll_interval', formatDuration(target.pollIntervalMs)],
    ['request_timeout', formatDuration(target.requestTimeoutMs)],
    ['concurrency', String(target.concurrency)],
    ['list_page_size', String(target.listPageSize)],
    ['stall_after', formatDuration(target.stallAfterMs)],
    ['max_staleness', formatDuration(target.maxStalenessMs)],
    ['history', target.history ? `every ${formatDuration(target.historyIntervalMs)}` : 'off'],
    ...optional('expect_every', target.expectEveryMs),
    ...optional('max_duration', target.maxDurationMs),
    ['overrides', String(target.overrides.length)],
    ['timezone', target.timezone ?? 'the server zone (/system-time), else UTC'],
    ['grace', formatDuration(target.graceMs)],
    ...(target.schedulerImport === undefined ? [] : [['scheduler', describeImport(target.schedulerImport)] as [string, string]]),
    ...(target.maintenance.length === 0 ? [] : [['maintenance', `${target.maintenance.length} window${target.maintenance.length === 1 ? '' : 's'}`] as [string, string]]),
    ['limits', describeLimits(target.limits)],
  ];
  return [`target ${target.name}`, ...rows.map(([key, value]) => `  ${`${key}:`.padEnd(17)}${value}`)].join('\n');
}

/**
 * The run-duration buckets (shared by all targets), then one block per target: name, base URL, auth kind
 * and secret sources, process filters, timings and history polling.
 */
export function summarizeConfig(config: ExporterConfig): string {
  const count = config.targets.length === 1 ? '1 target' : `${config.targets.length} targets`;
  const header = [`configuration OK: ${count}`, `run_duration_buckets: ${config.runDurationBuckets.join(', ')} (seconds)`].join('\n');
  return `${[header, ...config.targets.map(describeTarget)].join('\n\n')}\n`;
}
