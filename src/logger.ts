import { pino, type Logger, type DestinationStream, type LoggerOptions as PinoOptions } from 'pino';
import { authSecretFields } from './config/auth-kinds.js';
import { boundValue, defaultLogBounds, truncateString, type LogBounds } from './log-bounds.js';

export type { Logger };

export const LogLevels = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LogLevels)[number];
export const LogFormats = ['json', 'pretty'] as const;
export type LogFormat = (typeof LogFormats)[number];

/** Field names censored besides the auth kinds' secrets: access tokens and `Authorization` headers. */
const credentialFields = ['access_token', 'accessToken', 'authorization', 'Authorization'];

/**
 * Paths pino censors wherever they appear. Secrets are redacted by configuration, not by care:
 * anything shaped like a credential is replaced even if some code path logs it by mistake. Each auth
 * kind's secret (`password`, `client_secret`/`clientSecret`, `credentials`, …) comes from
 * `config/auth-kinds.ts`, so a new kind is redacted without an edit here.
 */
export const redactPaths: readonly string[] = [
  ...[...authSecretFields, ...credentialFields].flatMap((field) => [field, `*.${field}`]),
  'headers.authorization',
  'req.headers.authorization',
  '*.headers.authorization',
];

export interface LoggerOptions {
  readonly level?: LogLevel;
  readonly format?: LogFormat;
  /** Where JSON lines go; stdout when absent. Tests pass a stream to read what was logged. */
  readonly destination?: DestinationStream;
  /** Longest string value a log line repeats, in characters (`--log.max-value-length`); see log-bounds.ts. */
  readonly maxValueLength?: number;
}

/**
 * pino options that bound every value of a line (log-bounds.ts): the message and its arguments, the
 * fields at any depth, child bindings and the serialized `err` (message and stack). Redaction runs
 * afterwards, on the bounded copy, so it censors as before.
 */
function boundedOptions(bounds: LogBounds): Pick<PinoOptions, 'hooks' | 'formatters' | 'serializers'> {
  const cut = (value: string): string => truncateString(value, bounds.maxValueLength);
  return {
    hooks: {
      logMethod(args, method) {
        const bounded = args.map((arg: unknown) => (typeof arg === 'string' ? cut(arg) : arg));
        // pino takes the message from the error when none is given: give it the cut one instead.
        const err = loggedError(args[0]);
        if (err !== undefined && args.length === 1) bounded.push(cut(err.message));
        method.apply(this, bounded as Parameters<typeof method>);
      },
    },
    formatters: {
      // `err` is left to its serializer, which reads the Error itself.
      log: (fields) => {
        const out: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(fields)) out[key] = key === 'err' && value instanceof Error ? value : boundValue(value, bounds);
        return out;
      },
    },
    serializers: { err: (err: unknown) => boundValue(pino.stdSerializers.err(err as Error), bounds) },
  };
}

/** The Error a log call carries as its first argument, itself or as `{ err }`. */
function loggedError(first: unknown): Error | undefined {
  if (first instanceof Error) return first;
  const err = typeof first === 'object' && first !== null ? (first as { err?: unknown }).err : undefined;
  return err instanceof Error ? err : undefined;
}

/** Creates the root logger: NDJSON by default, human-readable with `format: 'pretty'`. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const bounds: LogBounds = { ...defaultLogBounds, maxValueLength: options.maxValueLength ?? defaultLogBounds.maxValueLength };
  const base = {
    level: options.level ?? 'info',
    redact: { paths: [...redactPaths], censor: '[REDACTED]' },
    base: { name: 'guidewire-batch-exporter' },
    timestamp: pino.stdTimeFunctions.isoTime,
    ...boundedOptions(bounds),
  };
  const root =
    options.format === 'pretty'
      ? pino({ ...base, transport: { target: 'pino-pretty', options: { colorize: false, translateTime: 'SYS:standard' } } })
      : options.destination === undefined
        ? pino(base)
        : pino(base, options.destination);
  return withBoundedBindings(root, bounds);
}

/**
 * Child bindings bounded like every other value. pino applies `formatters.bindings` to the root's base
 * only (children reset it), so this logger's `child` bounds them first; children inherit it.
 */
function withBoundedBindings(root: Logger, bounds: LogBounds): Logger {
  const original = root.child;
  root.child = function boundedChild(this: Logger, bindings, childOptions) {
    return original.call(this, boundValue(bindings, bounds) as typeof bindings, childOptions);
  } as typeof root.child;
  return root;
}

/** A logger that drops everything, for tests and library use. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
