import { demoProcesses } from './demo-processes.js';
import { compileFireTimes } from './fire-times.js';
import { createCronPlan, cronRunsOf, latestCronRun, type CronPlan } from './scenario-cron.js';
import { historyRows, scenarioHistories, HISTORY_MAX_RUNS } from './scenario-history.js';
import { currentRun, observeRun, recordOf, type RunObservation } from './scenario-runs.js';
import { HISTORY_MS, MAX_LISTED_RUNS, validateScenarioProcess, type ScenarioProcess } from './scenario-spec.js';
import { DEFAULT_SERVER_ZONE } from './system-time.js';
import { statusJson, workQueueStatusJson } from './scenario-status.js';
import type { RawBatchProcess, SimulatorModel } from './types.js';

export interface ScenarioModelOptions {
  /** Seeds every random choice: same seed, same runs. */
  readonly seed: number;
  /** Milliseconds since the Unix epoch at which the simulation starts (run 0 of an unshifted process). */
  readonly epoch: number;
  /** Default: `demoProcesses`. */
  readonly processes?: readonly ScenarioProcess[];
  /**
   * Quartz expressions by type code (e.g. `schedulesForEnv('demo')`): those processes run by their crons
   * (scenario-cron.ts), the others on their run grid. Every code must be one of `processes`.
   */
  readonly schedules?: ReadonlyMap<string, readonly string[]>;
  /** IANA zone the crons are read in (the server's zone); default `America/Chicago`. */
  readonly timezone?: string;
}

/** How one process's runs are found: its run grid, or its cron plan. */
interface RunSource {
  readonly spec: ScenarioProcess;
  readonly cron?: CronPlan;
}

function latestObservation(source: RunSource, seed: number, epoch: number, now: number): RunObservation | undefined {
  if (source.cron === undefined) return currentRun(source.spec, seed, epoch, now);
  const run = latestCronRun(source.cron, now);
  return run === undefined ? undefined : observeRun(run, now);
}

function histories(source: RunSource, seed: number, epoch: number, now: number) {
  if (source.cron === undefined) return scenarioHistories(source.spec, seed, epoch, now);
  return historyRows(source.spec, cronRunsOf(source.cron, now, now - HISTORY_MS, HISTORY_MAX_RUNS).map((run) => recordOf(run, now)));
}

/** The batch process of `source` as seen at `now`: a pure function of (spec, schedule, seed, epoch, now). */
function scenarioProcessAt(source: RunSource, seed: number, epoch: number, now: number): RawBatchProcess {
  const { spec } = source;
  const observation = latestObservation(source, seed, epoch, now);
  return {
    type: { code: spec.code, name: spec.name },
    distributed: spec.distributed,
    status: statusJson(spec.code, observation),
    ...(spec.distributed ? { workQueueStatus: workQueueStatusJson(seed, spec.code, observation) } : {}),
  };
}

function cronSource(spec: ScenarioProcess, expressions: readonly string[], zone: string, seed: number, epoch: number): RunSource {
  const stall = spec.stallsAt?.run;
  if (stall !== undefined && Math.abs(stall) > MAX_LISTED_RUNS) {
    throw new RangeError(`scenario process ${JSON.stringify(spec.code)}: stallsAt.run must be within ±${MAX_LISTED_RUNS} with a schedule`);
  }
  return { spec, cron: createCronPlan(spec, seed, epoch, compileFireTimes(expressions, zone)) };
}

/**
 * A deterministic, time-driven model: the status served at `now` is computed from the process specs,
 * their schedules, the seed and the epoch, with no timers. Processes are listed by code; their histories
 * hold the runs of the last `HISTORY_MS`. Throws a `RangeError` for an invalid spec, a duplicate code or
 * a schedule for an unknown code, and a `CronSyntaxError` for a bad cron or zone.
 */
export function createScenarioModel(options: ScenarioModelOptions): SimulatorModel {
  const { seed, epoch } = options;
  const zone = options.timezone ?? DEFAULT_SERVER_ZONE;
  const specs = [...(options.processes ?? demoProcesses)].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const byCode = new Map<string, RunSource>();
  for (const spec of specs) {
    validateScenarioProcess(spec);
    if (byCode.has(spec.code)) throw new RangeError(`scenario process ${JSON.stringify(spec.code)}: duplicate code`);
    const expressions = options.schedules?.get(spec.code);
    byCode.set(spec.code, expressions === undefined ? { spec } : cronSource(spec, expressions, zone, seed, epoch));
  }
  for (const code of options.schedules?.keys() ?? []) {
    if (!byCode.has(code)) throw new RangeError(`schedule for ${JSON.stringify(code)}: no such scenario process`);
  }
  const sources = [...byCode.values()];
  return {
    list: (now) => sources.map((source) => scenarioProcessAt(source, seed, epoch, now)),
    get: (code, now) => {
      const source = byCode.get(code);
      return source === undefined ? undefined : scenarioProcessAt(source, seed, epoch, now);
    },
    histories: (code, now) => {
      const source = byCode.get(code);
      return source === undefined ? undefined : histories(source, seed, epoch, now);
    },
  };
}
