import { parseDuration } from '../config/duration.js';
import { podOrdinal, type Shard } from '../config/shard.js';
import { defaultLogBounds } from '../log-bounds.js';
import { LogFormats, LogLevels, type LogFormat, type LogLevel } from '../logger.js';
import type { ProbeCommand } from '../probe/command.js';
import { API_SCHEMA_FLAVOURS, HISTORY_ORDERS, type ApiSchemaFlavour, type HistoryOrder } from '../simulator/types.js';
import { readFlags, UsageError, type FlagSpec } from './flags.js';
import { parseProbeArgs } from './probe-args.js';

/** What the command line asks for. Produced by `parseArgs`, a pure function over argv. */
export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'check'; readonly configFile: string; readonly webConfigFile?: string; readonly log: LogOptions }
  | {
      readonly kind: 'run';
      readonly configFile: string | undefined;
      readonly demo: boolean;
      readonly web: WebOptions;
      readonly log: LogOptions;
      /** `--config.reload-timeout`; absent means the app's default. */
      readonly reloadTimeoutMs?: number;
      /** `--shard`/`--total-shards`/`--shard.from-pod-name`; absent means one replica polls every target. */
      readonly shard?: ShardFlags;
    }
  | { readonly kind: 'simulate'; readonly web: WebOptions; readonly simulator: SimulatorFlags; readonly log: LogOptions }
  | ProbeCommand;

export interface LogOptions {
  readonly level: LogLevel;
  readonly format: LogFormat;
  /** Longest string value a log line repeats (`--log.max-value-length`). */
  readonly maxValueLength: number;
}
export interface WebOptions {
  readonly host: string | undefined;
  readonly port: number;
  readonly telemetryPath: string;
  /** Every endpoint is served below it: `/` or `/a/b` (leading slash, no trailing one). */
  readonly routePrefix: string;
  /** Where users reach the exporter (e.g. behind a reverse proxy), without a trailing slash. */
  readonly externalUrl?: string;
  /** exporter-toolkit web configuration: TLS and basic authentication of the endpoints. */
  readonly configFile?: string;
}
/**
 * Which shard this replica is: `index` given (`--shard`), or `pod-name`, read by the CLI from the trailing
 * `-<ordinal>` of `POD_NAME` (else `HOSTNAME`), as kube-state-metrics' automatic sharding does.
 */
export interface ShardFlags {
  readonly index: number | 'pod-name';
  readonly total: number;
}
export interface SimulatorFlags {
  readonly seed: number;
  /** `when-asked`: list items carry status only when `fields` asks for it. */
  readonly listIncludesStatus: boolean | 'when-asked';
  readonly contextRoot: string;
  readonly historyOrder: HistoryOrder;
  /** Which API definition it serves. */
  readonly apiSchema: ApiSchemaFlavour;
}


/** Parses `HOST:PORT`, `:PORT` or `[V6]:PORT`. An empty host means every interface. */
export function parseListenAddress(text: string): { host: string | undefined; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(text);
  const port = Number(match?.[3]);
  if (match === null || !Number.isInteger(port) || port > 65535) {
    throw new UsageError(`--web.listen-address: expected HOST:PORT, got "${text}"`);
  }
  const host = match[1] ?? match[2];
  return { host: host === '' || host === undefined ? undefined : host, port };
}

/** `--web.external-url`: an absolute http or https URL, returned without a trailing slash. */
export function parseExternalUrl(text: string): string {
  // Text with an `@` is not echoed: it may hold a password.
  const got = text.includes('@') ? '' : `, got "${text}"`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--web.external-url: expected an absolute http or https URL${got}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--web.external-url: expected an http or https URL${got}`);
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new UsageError(`--web.external-url: no query, fragment or credentials allowed${got}`);
  }
  return url.href.replace(/\/+$/, '');
}

/** `--web.route-prefix`: `/` or `/a/b`, with the leading slash added and trailing ones removed. */
export function normalizeRoutePrefix(text: string): string {
  const inner = text.replace(/^\/+|\/+$/g, '');
  if (inner === '') return '/';
  const segments = inner.split('/');
  // RFC 3986 path characters only, no empty, `.` or `..` segments: the prefix goes into Location headers.
  if (segments.some((segment) => segment === '.' || segment === '..' || !/^[A-Za-z0-9._~!$&'()*+,;=:@%-]+$/.test(segment))) {
    throw new UsageError(`--web.route-prefix: expected a path such as /exporter, got "${text}"`);
  }
  return `/${inner}`;
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag}: expected one of ${allowed.join(', ')}, got "${value}"`);
}

/** `--log.max-value-length`: an integer from 16 (room for the `…(N chars)` suffix to make sense) up. */
function parseMaxValueLength(value: string | undefined): number {
  if (value === undefined) return defaultLogBounds.maxValueLength;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 16) throw new UsageError(`--log.max-value-length: expected an integer of at least 16, got "${value}"`);
  return n;
}

function parseCount(flag: string, value: string, least: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < least) throw new UsageError(`${flag}: expected an integer of at least ${least}, got "${value}"`);
  return n;
}

/** `--shard=N --total-shards=M` (0 <= N < M, defaults 0 and 1) or `--shard.from-pod-name`; undefined when none is given. */
function parseShard(values: ReadonlyMap<string, string>, switches: ReadonlySet<string>): ShardFlags | undefined {
  const shardFlag = values.get('shard');
  const totalFlag = values.get('total-shards');
  const fromPod = switches.has('shard.from-pod-name');
  if (shardFlag === undefined && totalFlag === undefined && !fromPod) return undefined;
  if (fromPod && shardFlag !== undefined) throw new UsageError('--shard and --shard.from-pod-name exclude each other');
  const total = totalFlag === undefined ? 1 : parseCount('--total-shards', totalFlag, 1);
  if (fromPod) {
    if (totalFlag === undefined) throw new UsageError('--shard.from-pod-name needs --total-shards');
    return { index: 'pod-name', total };
  }
  const index = shardFlag === undefined ? 0 : parseCount('--shard', shardFlag, 0);
  if (index >= total) throw new UsageError(`--shard=${index} must be below --total-shards=${total}`);
  return { index, total };
}

/**
 * The shard `flags` name; for `--shard.from-pod-name`, the trailing `-<ordinal>` of `POD_NAME`, else
 * `HOSTNAME` (a StatefulSet pod is named `<set>-<ordinal>`). Pure: the CLI passes `process.env`.
 */
export function resolveShard(flags: ShardFlags | undefined, env: Readonly<Record<string, string | undefined>>): Shard | undefined {
  if (flags === undefined) return undefined;
  if (flags.index !== 'pod-name') return { index: flags.index, total: flags.total };
  const podName = env['POD_NAME'] ?? env['HOSTNAME'] ?? '';
  const index = podOrdinal(podName);
  if (index === undefined) throw new UsageError(`--shard.from-pod-name: expected POD_NAME or HOSTNAME to end in -<ordinal> (a StatefulSet pod), got "${podName}"`);
  if (index >= flags.total) throw new UsageError(`--shard.from-pod-name: the ordinal ${index} of "${podName}" must be below --total-shards=${flags.total}`);
  return { index, total: flags.total };
}

function parseBool(flag: string, value: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new UsageError(`${flag}: expected true or false, got "${value}"`);
}

const string = { type: 'string' } as const;
const yesNo = { type: 'boolean' } as const;
/** The exporter's and the simulator's flags; `simulate` rejects the exporter's web flags below. */
const flagSpec: FlagSpec = {
  options: {
    'config.file': string, 'config.check': yesNo, 'config.reload-timeout': string,
    'web.listen-address': string, 'web.telemetry-path': string, 'web.config.file': string, 'web.external-url': string, 'web.route-prefix': string,
    'log.level': string, 'log.format': string, 'log.max-value-length': string,
    'simulator.seed': string, 'simulator.list-status': string, 'simulator.context-root': string, 'simulator.history-order': string, 'simulator.api-schema': string,
    shard: string, 'total-shards': string, 'shard.from-pod-name': yesNo,
    demo: yesNo, version: yesNo, help: { type: 'boolean', short: 'h' },
  },
};

/** Turns argv (without node and script) into a Command. Throws UsageError on bad input. */
export function parseArgs(argv: readonly string[]): Command {
  if (argv[0] === 'probe') return parseProbeArgs(argv.slice(1));
  const simulate = argv[0] === 'simulate';
  // The subcommand is the first argument; anywhere else it is an unknown argument.
  const { switches, values: flags } = readFlags(simulate ? argv.slice(1) : argv, flagSpec);
  if (switches.has('help')) return { kind: 'help' };
  if (switches.has('version')) return { kind: 'version' };
  const log: LogOptions = {
    level: oneOf('--log.level', flags.get('log.level') ?? 'info', LogLevels),
    format: oneOf('--log.format', flags.get('log.format') ?? 'json', LogFormats),
    maxValueLength: parseMaxValueLength(flags.get('log.max-value-length')),
  };
  const telemetryPath = flags.get('web.telemetry-path') ?? '/metrics';
  if (!telemetryPath.startsWith('/')) throw new UsageError('--web.telemetry-path must start with "/"');
  const webConfigFile = flags.get('web.config.file');
  const externalFlag = flags.get('web.external-url');
  const externalUrl = externalFlag === undefined ? undefined : parseExternalUrl(externalFlag);
  const routePrefix = normalizeRoutePrefix(flags.get('web.route-prefix') ?? (externalUrl === undefined ? '/' : new URL(externalUrl).pathname));
  const web: WebOptions = {
    ...parseListenAddress(flags.get('web.listen-address') ?? (simulate ? ':7724' : ':7723')),
    telemetryPath,
    routePrefix,
    ...(externalUrl === undefined ? {} : { externalUrl }),
    ...(webConfigFile === undefined ? {} : { configFile: webConfigFile }),
  };
  const shard = parseShard(flags, switches);
  if (simulate) {
    if (shard !== undefined) throw new UsageError('--shard, --total-shards and --shard.from-pod-name apply to the exporter, not to simulate');
    if (webConfigFile !== undefined) throw new UsageError('--web.config.file applies to the exporter, not to simulate');
    if (externalFlag !== undefined || flags.has('web.route-prefix')) throw new UsageError('--web.external-url and --web.route-prefix apply to the exporter, not to simulate');
    const seed = Number(flags.get('simulator.seed') ?? '1');
    if (!Number.isInteger(seed)) throw new UsageError('--simulator.seed must be an integer');
    const listStatus = flags.get('simulator.list-status') ?? 'true';
    const listIncludesStatus = listStatus === 'when-asked' ? listStatus : parseBool('--simulator.list-status', listStatus);
    const apiSchema = oneOf('--simulator.api-schema', flags.get('simulator.api-schema') ?? 'openapi', API_SCHEMA_FLAVOURS);
    const historyOrder = oneOf('--simulator.history-order', flags.get('simulator.history-order') ?? 'newest-first', HISTORY_ORDERS);
    const contextRoot = flags.get('simulator.context-root') ?? '';
    return { kind: 'simulate', web, log, simulator: { seed, listIncludesStatus, contextRoot, historyOrder, apiSchema } };
  }
  const configFile = flags.get('config.file');
  const demo = switches.has('demo');
  if (switches.has('config.check')) {
    if (configFile === undefined) throw new UsageError('--config.check needs --config.file');
    return { kind: 'check', configFile, ...(webConfigFile === undefined ? {} : { webConfigFile }), log };
  }
  if (configFile === undefined && !demo) throw new UsageError('--config.file is required (or --demo)');
  if (configFile !== undefined && demo) throw new UsageError('--demo and --config.file exclude each other');
  const sharded = shard === undefined ? {} : { shard };
  const reloadTimeout = flags.get('config.reload-timeout');
  if (reloadTimeout === undefined) return { kind: 'run', configFile, demo, web, log, ...sharded };
  const reloadTimeoutMs = parseDuration(reloadTimeout);
  if (reloadTimeoutMs === undefined || reloadTimeoutMs <= 0) throw new UsageError(`--config.reload-timeout: expected a duration such as 5s, got "${reloadTimeout}"`);
  return { kind: 'run', configFile, demo, web, log, reloadTimeoutMs, ...sharded };
}
