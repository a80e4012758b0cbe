import { appendFile } from 'node:fs/promises';
import type { EventsConfig, RunEventSinkKind } from '../config/types.js';
import type { RunEvent } from '../history/run-event.js';
import type { Logger } from '../logger.js';
import { maxRunEventLineBytes, runEventLines } from './line.js';

/** Where a sink reports what it wrote (the app's self-metrics). */
export interface RunEventReport {
  /** `written` events of `target` reached the sink; `failed` could not be written (and are lost). */
  runEvents(target: string, sink: Exclude<RunEventSinkKind, 'none'>, written: number, failed: number): void;
}

/** Where run events go (docs/events.md). `write` never throws and never waits: polling goes on whatever the sink does. */
export interface RunEventSink {
  readonly kind: RunEventSinkKind;
  /** Writes the events one history poll of `target` produced, in order. */
  write(target: string, events: readonly RunEvent[]): void;
  /** Resolves once the writes already asked for have finished (or failed). */
  close(): Promise<void>;
}

export interface RunEventSinkDeps {
  readonly log: Logger;
  readonly report: RunEventReport;
  /** The exporter's clock (ms): the `time` of each line. */
  readonly now: () => number;
  /** Writes to the process's standard output (the CLI's); required for `sink: stdout`. */
  readonly stdout?: (text: string) => void;
  /** Appends to a file (tests may replace it); `fs.promises.appendFile` by default. */
  readonly append?: (path: string, text: string) => Promise<void>;
}

/**
 * Events waiting for the file at most: beyond, a batch is dropped and counted rather than queued, so that
 * a file system that hangs (a stuck NFS mount) cannot grow the exporter's memory.
 */
export const maxPendingRunEvents = 10_000;

/**
 * Logs the first failure of a sink and stays quiet while failures go on; logs once more when a write
 * succeeds again. Failures are counted by the caller, each time.
 */
class FailureLog {
  #failing = false;
  readonly #log: Logger;

  constructor(log: Logger) {
    this.#log = log;
  }

  failed(fields: Record<string, unknown>, message: string): void {
    if (this.#failing) return;
    this.#failing = true;
    this.#log.error(fields, `${message}; further failures are only counted (guidewire_exporter_run_event_errors_total) until a write succeeds`);
  }

  succeeded(): void {
    if (!this.#failing) return;
    this.#failing = false;
    this.#log.info('run events are written again');
  }
}

const tooLong = `run event longer than ${maxRunEventLineBytes} bytes dropped`;

/**
 * Appends JSON lines to a file. Each batch opens the file by its path (`O_APPEND`), writes and closes it:
 * after logrotate renames the file, the next batch creates a new one, with no signal and no
 * `copytruncate` needed. Batches are written one at a time, in order.
 */
function fileSink(file: string, deps: RunEventSinkDeps): RunEventSink {
  const append = deps.append ?? ((path: string, text: string) => appendFile(path, text, { encoding: 'utf8', mode: 0o640 }));
  const failures = new FailureLog(deps.log);
  let chain: Promise<void> = Promise.resolve();
  let pending = 0;
  return {
    kind: 'file',
    write(target, events) {
      if (events.length === 0) return;
      const { text, lines, dropped } = runEventLines(events, deps.now());
      if (dropped > 0) {
        deps.report.runEvents(target, 'file', 0, dropped);
        failures.failed({ target, file }, tooLong);
      }
      if (lines === 0) return;
      if (pending + lines > maxPendingRunEvents) {
        deps.report.runEvents(target, 'file', 0, lines);
        failures.failed({ target, file, pending }, `run events dropped: ${pending} are still waiting for the file`);
        return;
      }
      pending += lines;
      chain = chain.then(async () => {
        try {
          await append(file, text);
          deps.report.runEvents(target, 'file', lines, 0);
          failures.succeeded();
        } catch (err) {
          deps.report.runEvents(target, 'file', 0, lines);
          failures.failed({ err, target, file }, 'run events could not be written to the file');
        } finally {
          pending -= lines;
        }
      });
    },
    close: () => chain,
  };
}

/**
 * Writes JSON lines to standard output, beside the logger's lines rather than through it: `--log.level`
 * never silences them, pino's redaction never rewrites them (they hold no secret), and they keep their
 * own shape with `--log.format=pretty`.
 */
function stdoutSink(stdout: (text: string) => void, deps: RunEventSinkDeps): RunEventSink {
  const failures = new FailureLog(deps.log);
  return {
    kind: 'stdout',
    write(target, events) {
      if (events.length === 0) return;
      const { text, lines, dropped } = runEventLines(events, deps.now());
      if (dropped > 0) {
        deps.report.runEvents(target, 'stdout', 0, dropped);
        failures.failed({ target }, tooLong);
      }
      if (lines === 0) return;
      try {
        stdout(text);
        deps.report.runEvents(target, 'stdout', lines, 0);
        failures.succeeded();
      } catch (err) {
        deps.report.runEvents(target, 'stdout', 0, lines);
        failures.failed({ err, target }, 'run events could not be written to standard output');
      }
    },
    close: () => Promise.resolve(),
  };
}

/** A sink that drops every event (`sink: none`, the default). */
export const noRunEventSink: RunEventSink = { kind: 'none', write: () => undefined, close: () => Promise.resolve() };

/** The sink `events:` configures; `none` when absent. Throws when `stdout` is asked for and `deps.stdout` is missing (a wiring bug). */
export function createRunEventSink(config: EventsConfig | undefined, deps: RunEventSinkDeps): RunEventSink {
  if (config === undefined || config.sink === 'none') return noRunEventSink;
  if (config.sink === 'file') return fileSink(config.file, deps);
  if (deps.stdout === undefined) throw new Error('events.sink is stdout but the app was given no standard output to write to');
  return stdoutSink(deps.stdout, deps);
}
