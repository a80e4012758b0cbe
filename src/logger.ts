import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

export const LogLevels = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LogLevels)[number];
export const LogFormats = ['json', 'pretty'] as const;
export type LogFormat = (typeof LogFormats)[number];

/**
 * Paths pino censors wherever they appear. Secrets are redacted by configuration, not by care:
 * anything shaped like a credential is replaced even if some code path logs it by mistake.
 */
export const redactPaths: readonly string[] = [
  'password',
  'client_secret',
  'clientSecret',
  'credentials',
  'access_token',
  'accessToken',
  'authorization',
  'Authorization',
  '*.password',
  '*.client_secret',
  '*.clientSecret',
  '*.credentials',
  '*.access_token',
  '*.accessToken',
  '*.authorization',
  '*.Authorization',
  'headers.authorization',
  'req.headers.authorization',
  '*.headers.authorization',
];

export interface LoggerOptions {
  readonly level?: LogLevel;
  readonly format?: LogFormat;
  /** Where JSON lines go; stdout when absent. Tests pass a stream to read what was logged. */
  readonly destination?: DestinationStream;
}

/** Creates the root logger: NDJSON by default, human-readable with `format: 'pretty'`. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const base = {
    level: options.level ?? 'info',
    redact: { paths: [...redactPaths], censor: '[REDACTED]' },
    base: { name: 'guidewire-batch-exporter' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (options.format === 'pretty') {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { colorize: false, translateTime: 'SYS:standard' } } });
  }
  return options.destination === undefined ? pino(base) : pino(base, options.destination);
}

/** A logger that drops everything, for tests and library use. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
