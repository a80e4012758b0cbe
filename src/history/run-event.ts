import type { ProcessHistory } from '../guidewire/types.js';
import type { ClassifiedRun, RunOutcome, RunTrigger } from './outcome.js';

/** The `event` field of every run event: lets a log pipeline tell these records from log lines. */
export const runFinishedEvent = 'batch_run_finished';

/**
 * Longest string a run event repeats (characters): the target name, type code and run id are cut to it,
 * so that one record stays far below `maxRunEventLineBytes` whatever Guidewire sends.
 */
export const maxRunEventString = 256;

/**
 * One finished run, as written to the run-event sink (docs/events.md): the audit record Loki or
 * Elasticsearch keeps after Guidewire purges its history. Snake case, as the record is written. Times
 * are ISO 8601 (UTC) on Guidewire's clock, as the API reports them; absent fields are absent in the API.
 */
export interface RunEvent {
  readonly event: typeof runFinishedEvent;
  readonly target: string;
  readonly process: string;
  readonly run_id: string;
  readonly outcome: RunOutcome;
  readonly trigger: RunTrigger;
  readonly ops_completed?: number;
  /** Guidewire's `failedOps`: exceptions met while processing work items, retries included; not failed items. */
  readonly failed_ops?: number;
  /** From the requested start (`dateCreated`) to the start (`startDate`). */
  readonly start_delay_seconds?: number;
  readonly duration_seconds?: number;
  readonly created_at?: string;
  readonly started_at?: string;
  readonly ended_at?: string;
}

const cut = (text: string): string => (text.length > maxRunEventString ? text.slice(0, maxRunEventString) : text);
const iso = (ms: number | undefined): string | undefined => (ms === undefined || !Number.isFinite(ms) ? undefined : new Date(ms).toISOString());
const count = (value: number | undefined): number | undefined => (value === undefined || !Number.isFinite(value) ? undefined : value);

/**
 * The event of one finished run of process `code` of `target`, from its history item and its
 * classification (outcome, trigger, duration). Fields the item lacks are left out. Pure.
 */
export function runEvent(target: string, code: string, run: ProcessHistory, classified: ClassifiedRun): RunEvent {
  const opsCompleted = count(run.opsCompleted);
  const failedOps = count(run.failedOps);
  const startDelay = run.startDate !== undefined && run.dateCreated !== undefined ? Math.max(0, (run.startDate - run.dateCreated) / 1000) : undefined;
  const duration = classified.durationSeconds;
  const createdAt = iso(run.dateCreated);
  const startedAt = iso(run.startDate);
  const endedAt = iso(run.dateCompleted);
  return {
    event: runFinishedEvent,
    target: cut(target),
    process: cut(code),
    run_id: cut(run.id),
    outcome: classified.outcome,
    trigger: classified.trigger,
    ...(opsCompleted === undefined ? {} : { ops_completed: opsCompleted }),
    ...(failedOps === undefined ? {} : { failed_ops: failedOps }),
    ...(startDelay === undefined ? {} : { start_delay_seconds: startDelay }),
    ...(duration === undefined ? {} : { duration_seconds: duration }),
    ...(createdAt === undefined ? {} : { created_at: createdAt }),
    ...(startedAt === undefined ? {} : { started_at: startedAt }),
    ...(endedAt === undefined ? {} : { ended_at: endedAt }),
  };
}
