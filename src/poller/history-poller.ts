import type { TargetConfig } from '../config/types.js';
import type { GuidewireApi } from '../guidewire/api.js';
import type { ProcessStatus } from '../guidewire/types.js';
import { initialHistoryState, readProcessHistory, type ProcessHistoryState } from '../history/process-history.js';
import { runEvent, type RunEvent } from '../history/run-event.js';
import type { HistoryStats } from '../history/stats.js';
import { processState } from '../model/process-state.js';
import { mapSettled } from './concurrency.js';
import { itemProblems, type FetchProblem } from './fetch-target.js';
import type { ProcessView } from '../model/snapshot.js';

export interface HistorySettings {
  readonly enabled: boolean;
  readonly intervalMs: number;
  /** Completed runs the first read looks back for (the process's `baseline_runs`); 0 or absent: none. */
  readonly baselineRuns?: number;
}

/** Identifies the latest run as the status shows it; a change means new runs may have finished. */
export function latestRunKey(status: ProcessStatus | undefined): string {
  return `${status?.dateCreated ?? ''}|${status?.startDate ?? ''}|${status?.dateCompleted ?? ''}`;
}

/**
 * Whether a process's history should be read now: history on, the process has run, its interval has
 * (nearly: poll jitter) elapsed since the last read, and its latest run changed since then. When the
 * latest run is unchanged no run can have finished, so the read is skipped at no cost. Pure.
 */
export function historyDue(view: ProcessView, state: ProcessHistoryState | undefined, settings: HistorySettings, now: number): boolean {
  const status = view.process.status;
  if (!settings.enabled || status === undefined || processState(status) === 'never_run') return false;
  if (state?.lastReadAt === undefined) return true;
  return now - state.lastReadAt >= settings.intervalMs * 0.9 && state.lastRunKey !== latestRunKey(status);
}

export interface HistoryPollDeps {
  readonly target: TargetConfig;
  readonly api: GuidewireApi;
  readonly bounds: readonly number[];
  /** When the exporter started (ms): runs that ended before are not counted. */
  readonly startedAt: number;
  settings(code: string): HistorySettings;
  /** Given the events of the runs one poll counted (one per run, never replayed after a restart); absent: none are made. */
  readonly runEvents?: (target: string, events: readonly RunEvent[]) => void;
}

/** Whether `/histories` can be paged by offset with totals, as the client knows it now. */
function historyOffsets(api: GuidewireApi): boolean {
  const { pageOffset, includeTotal } = api.requestPlan().histories;
  return pageOffset && includeTotal;
}

/** The run-history state of every process of one target; read after each status poll. */
export class HistoryPoller {
  readonly #deps: HistoryPollDeps;
  #states = new Map<string, ProcessHistoryState>();
  /** After the first history poll, processes seen for the first time count runs from that moment. */
  #polledOnce = false;
  #stats: ReadonlyMap<string, HistoryStats> | undefined;

  constructor(deps: HistoryPollDeps) {
    this.#deps = deps;
  }

  /**
   * The stats of every process read so far, as an immutable map: the same object until some process's
   * stats change, so the target's snapshot (and its rendering) is only replaced when there is news.
   */
  stats(): ReadonlyMap<string, HistoryStats> {
    return (this.#stats ??= new Map([...this.#states].map(([code, state]) => [code, state.stats])));
  }

  /**
   * Reads the histories that are due, at most `concurrency` at once, and forgets processes that are
   * gone. Returns the problems met; a failed read keeps the process's previous state. `offsetMs` (the
   * server clock minus the exporter's) turns the exporter's `now` into Guidewire's clock wherever it is
   * compared with run dates: which runs ended after the exporter started, and the kept window. The runs
   * counted go to `runEvents`, one batch per poll.
   */
  async poll(processes: readonly ProcessView[], now: () => number, signal?: AbortSignal, offsetMs = 0): Promise<FetchProblem[]> {
    const present = new Set(processes.map((view) => view.process.code));
    for (const code of this.#states.keys()) {
      if (!present.has(code) && this.#states.delete(code)) this.#stats = undefined;
    }
    const due = processes.filter((view) => historyDue(view, this.#states.get(view.process.code), this.#deps.settings(view.process.code), now()));
    const problems: FetchProblem[] = [];
    const events: RunEvent[] = [];
    const target = this.#deps.target.name;
    await mapSettled(due, this.#deps.target.concurrency, async (view) => {
      const code = view.process.code;
      const countFrom = (this.#polledOnce ? now() : this.#deps.startedAt) + offsetMs;
      const previous = this.#states.get(code) ?? initialHistoryState(this.#deps.bounds, countFrom);
      try {
        const result = await readProcessHistory((request) => this.#deps.api.getHistoryPage(code, request, signal), previous, {
          now: now(),
          guidewireNow: now() + offsetMs,
          maxKeptRuns: this.#deps.target.limits.maxKeptRuns,
          runKey: latestRunKey(view.process.status),
          baselineRuns: this.#deps.settings(code).baselineRuns ?? 0,
          // Asked per read: a 400 during an earlier read may have narrowed what `/histories` takes.
          offsets: historyOffsets(this.#deps.api),
        });
        if (signal?.aborted === true) return;
        if (result.state.stats !== this.#states.get(code)?.stats) this.#stats = undefined;
        this.#states.set(code, result.state);
        // Oldest first, as they happened; only once the state that counted them is kept.
        if (this.#deps.runEvents !== undefined) for (const run of [...result.finished].reverse()) events.push(runEvent(target, code, run.run, run.classified));
        problems.push(...itemProblems(result.invalid, `batch-processes/${code}/histories`, code));
      } catch (error) {
        if (signal?.aborted !== true) problems.push({ code, error, failedRequest: true });
      }
    });
    this.#polledOnce = true;
    if (events.length > 0) this.#deps.runEvents?.(target, events);
    return problems;
  }
}
