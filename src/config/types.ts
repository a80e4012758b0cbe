/**
 * The validated, frozen configuration the rest of the exporter receives. Produced only by
 * `src/config/load.ts` (from YAML) or `src/cli/demo.ts` (demo mode). Durations are milliseconds.
 */

import type { AuthConfig } from './auth-kinds.js';

export type { SecretRef } from './secret-ref.js';
/** A target's authentication: the settings of one kind of `auth-kinds.ts`, or none. */
export type { AuthConfig };

export interface TlsConfig {
  readonly caFile?: string;
  readonly certFile?: string;
  readonly keyFile?: string;
  readonly serverName?: string;
  readonly insecureSkipVerify: boolean;
}

/**
 * A target's outbound HTTP proxy, resolved at load time from `proxy_url`/`no_proxy` or, by default, from
 * `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY`. Whether a given origin uses it is decided per request origin
 * (`no_proxy`), by `src/guidewire/proxy.ts`. The URLs may hold `user:password@`: treat them as secrets.
 */
export interface ProxyConfig {
  /** `proxy_url` from the file, or the environment variables. */
  readonly source: 'proxy_url' | 'environment';
  /** Proxy for `http://` origins (requests forwarded in absolute form), e.g. `http://proxy.corp:3128`. */
  readonly httpUrl?: string;
  /** Proxy for `https://` origins (a CONNECT tunnel; TLS to Guidewire runs end to end through it). */
  readonly httpsUrl?: string;
  /** Hosts reached directly: trimmed, lowercased `no_proxy` entries (`*`, `host`, `.suffix`, `host:port`, IP, CIDR). */
  readonly noProxy: readonly string[];
}

/** Per-process settings; the first override whose `match` glob matches a type code wins. */
export interface ProcessOverride {
  readonly match: string;
  readonly stallAfterMs?: number;
  /** How often this process's run history is read. */
  readonly historyIntervalMs?: number;
  /** `false` turns history polling off for the matching processes. */
  readonly history?: boolean;
  /** A successful run is expected at least this often (exposed for the Overdue alert). */
  readonly expectEveryMs?: number;
  /** A run should not take longer than this (exposed for the RunningTooLong alert). */
  readonly maxDurationMs?: number;
  /** `schedule:` Quartz expressions (6 or 7 fields); replaces a scheduler-config.xml entry for the process. */
  readonly schedule?: readonly string[];
  /** `timezone:` IANA zone the schedule (and a `complete_by` without a zone) is read in. */
  readonly timezone?: string;
  /** `grace:` how late a scheduled start may be before the fire time counts as late and missed. */
  readonly graceMs?: number;
  /** `complete_by:` the deadline a run must have completed by. */
  readonly completeBy?: DeadlineConfig;
  /** `baseline: false` opts the matching processes out of baselines (and the alerts built on them). */
  readonly baseline?: boolean;
  /** `baseline_runs:` the last this many completed runs make the baseline. */
  readonly baselineRuns?: number;
  /** `baseline_min_runs:` fewer completed runs: no baseline. */
  readonly baselineMinRuns?: number;
  /** `duration_factor:` k of RunningLongerThanUsual (k × p90) and EndedTooQuickly (median / k). */
  readonly durationFactor?: number;
  /** `failure_threshold:` consecutive failed runs before GuidewireBatchProcessFailed fires. */
  readonly failureThreshold?: number;
  /** `labels:` ownership labels for guidewire_batch_process_info (names and sizes checked at load). */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * `complete_by:` either a time of day (`"06:00"`, `"06:00 Europe/Zurich"`), read as a daily Quartz
 * expression, or a Quartz expression. `timezone` absent: the process's schedule zone.
 */
export interface DeadlineConfig {
  /** As written, for /config and messages. */
  readonly text: string;
  /** The Quartz expression of the deadline instants (`0 0 6 * * ?` for `"06:00"`). */
  readonly expression: string;
  readonly timezone?: string;
}

/** One `<CronSchedule>` of a scheduler-config.xml `<ProcessSchedule>` that applies in `scheduler_env`. */
export interface ImportedSchedule {
  /** The Quartz expression, Guidewire's attribute defaults filled in. */
  readonly expression: string;
  /** Where it was read from, for messages and /config: `file:line`. */
  readonly source: string;
}

/** What `scheduler_config_file` gave a target: the schedules of each listed process (type code). */
export interface SchedulerImport {
  readonly file: string;
  /** `scheduler_env`; absent: only entries without `env` apply. */
  readonly env?: string;
  readonly processes: ReadonlyMap<string, readonly ImportedSchedule[]>;
  /**
   * What the import suspects is wrong though the file is valid (a `scheduler_env` no entry names, env
   * entries ignored for want of one), worded for a warning at start and in `--config.check`.
   */
  readonly warnings?: readonly string[];
}

/**
 * A `maintenance:` window: nothing is late or missed inside it, and the shipped alerts are silenced. Either
 * recurring (a Quartz expression for its starts, and how long it lasts) or absolute.
 */
export type MaintenanceWindow =
  | { readonly kind: 'recurring'; readonly name?: string; readonly expression: string; readonly timezone: string; readonly durationMs: number }
  | { readonly kind: 'absolute'; readonly name?: string; readonly from: number; readonly until: number };

/**
 * Bounds on what one target may send, so that a hostile or broken upstream cannot exhaust memory or make
 * the exposition unusable for the other targets (`limits:`, see docs/reliability.md "Limits"). What exceeds
 * a bound is rejected (the item, or the rest of the list) and counted as `reason="limit_exceeded"`.
 */
export interface Limits {
  /** Longest type code or run id accepted (characters). */
  readonly maxCodeLength: number;
  /** Longest display name accepted. */
  readonly maxNameLength: number;
  /** Longest other text kept or shown: failure reason, progress text. */
  readonly maxTextLength: number;
  /** Most processes kept from the list of one poll; the rest of the list is dropped. */
  readonly maxProcesses: number;
  /** Most items read from one page of a collection (list or run history); the rest of the page is dropped. */
  readonly maxPageItems: number;
  /** Most recent runs kept per process (schedules, forecasts, the batch-window timeline). */
  readonly maxKeptRuns: number;
}

export interface TargetConfig {
  /** Unique; becomes the `target` label. */
  readonly name: string;
  /** Everything up to and including `/rest`, without a trailing slash. */
  readonly baseUrl: string;
  readonly auth: AuthConfig;
  /** TLS settings for the Guidewire API and the OAuth2 token endpoint. */
  readonly tls: TlsConfig;
  /** Outbound proxy for the API and the token endpoint; absent when requests go direct. */
  readonly proxy?: ProxyConfig;
  readonly pollIntervalMs: number;
  readonly requestTimeoutMs: number;
  /** Requests in flight at once for this target. */
  readonly concurrency: number;
  /** `pageSize` asked of the batch process list; dropped for the server's default after a 400. */
  readonly listPageSize: number;
  readonly stallAfterMs: number;
  readonly maxStalenessMs: number;
  /** How often each process's run history is read (`history_interval`). */
  readonly historyIntervalMs: number;
  /** Whether run histories are read at all (`history`). */
  readonly history: boolean;
  /** Target-wide `expect_every` / `max_duration`; absent unless configured. */
  readonly expectEveryMs?: number;
  readonly maxDurationMs?: number;
  /** Target-wide `duration_factor` (inherited from `global`); absent unless configured (default 3). */
  readonly durationFactor?: number;
  /** Glob patterns (`*`, `?`) over type codes. A pattern without glob characters is a literal code. */
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly overrides: readonly ProcessOverride[];
  readonly limits: Limits;
  /** Target-wide `timezone:` for schedules; absent: the zone `/system-time` reports, else UTC. */
  readonly timezone?: string;
  /** Target-wide `grace:` (inherited from `global`, default 5 minutes). */
  readonly graceMs: number;
  /** `scheduler_config_file:` + `scheduler_env:`; absent when not configured. */
  readonly schedulerImport?: SchedulerImport;
  /** `maintenance:` windows of `global` followed by the target's own. */
  readonly maintenance: readonly MaintenanceWindow[];
}

/** Where the run events go (`events.sink`, docs/events.md). */
export const RunEventSinkKinds = ['stdout', 'file', 'none'] as const;
export type RunEventSinkKind = (typeof RunEventSinkKinds)[number];

/** `events:`: one record per finished run, to standard output or appended to a file (resolved against the config file). */
export type EventsConfig = { readonly sink: 'none' | 'stdout' } | { readonly sink: 'file'; readonly file: string };

export interface ExporterConfig {
  readonly targets: readonly TargetConfig[];
  /** Upper bounds (seconds) of `guidewire_batch_process_run_duration_seconds` buckets, ascending. */
  readonly runDurationBuckets: readonly number[];
  /** `events:`; absent: `sink: none` (the file loader always sets it). */
  readonly events?: EventsConfig;
}

/** Defaults, in one place. */
export const defaults = {
  pollIntervalMs: 60_000,
  requestTimeoutMs: 10_000,
  concurrency: 4,
  /** Guidewire's usual maximum page size: 250 processes in 3 list requests rather than 10. */
  listPageSize: 100,
  stallAfterMs: 30 * 60_000,
  maxStalenessMs: 5 * 60_000,
  historyIntervalMs: 5 * 60_000,
  history: true,
  /** How late a scheduled start may be before it counts as late and missed. */
  graceMs: 5 * 60_000,
  /** Baselines: the last 20 completed runs, none below 5, k = 3. */
  baselineRuns: 20,
  baselineMinRuns: 5,
  durationFactor: 3,
  /** The Failed alert fires on the first failed run unless an override asks for more. */
  failureThreshold: 1,
  /** `/system-time` is read at start and this often. */
  serverTimeIntervalMs: 10 * 60_000,
  /** 1 s to 12 h: short escalations to nightly purges. */
  runDurationBuckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14400, 28800, 43200] as readonly number[],
  events: { sink: 'none' } as EventsConfig,
  include: ['*'] as readonly string[],
  exclude: [] as readonly string[],
  limits: {
    /** Guidewire type codes are short identifiers (`ActivityEsc`); run ids are shorter still. */
    maxCodeLength: 256,
    maxNameLength: 1024,
    /** Failure reasons are exception messages: room for a long one, not for a stack dump. */
    maxTextLength: 4096,
    /** A real application has hundreds of batch process types; 5000 leaves ten times the room. */
    maxProcesses: 5000,
    /** Ten times `list_page_size`; Guidewire's own maximum page size is far smaller. */
    maxPageItems: 1000,
    /** A day of a process that runs every 15 minutes; 5000 processes × 100 runs stay in tens of MB. */
    maxKeptRuns: 100,
  } satisfies Limits as Limits,
} as const;
