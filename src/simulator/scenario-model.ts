import { demoProcesses } from './demo-processes.js';
import { scenarioHistories } from './scenario-history.js';
import { currentRun } from './scenario-runs.js';
import { validateScenarioProcess, type ScenarioProcess } from './scenario-spec.js';
import { statusJson, workQueueStatusJson } from './scenario-status.js';
import type { RawBatchProcess, SimulatorModel } from './types.js';

export interface ScenarioModelOptions {
  /** Seeds every random choice: same seed, same runs. */
  readonly seed: number;
  /** Milliseconds since the Unix epoch at which the simulation starts (run 0 of an unshifted process). */
  readonly epoch: number;
  /** Default: `demoProcesses`. */
  readonly processes?: readonly ScenarioProcess[];
}

/** The batch process of `spec` as seen at `now`: a pure function of (spec, seed, epoch, now). */
function scenarioProcessAt(spec: ScenarioProcess, seed: number, epoch: number, now: number): RawBatchProcess {
  const observation = currentRun(spec, seed, epoch, now);
  return {
    type: { code: spec.code, name: spec.name },
    distributed: spec.distributed,
    status: statusJson(spec.code, observation),
    ...(spec.distributed ? { workQueueStatus: workQueueStatusJson(seed, spec.code, observation) } : {}),
  };
}

/**
 * A deterministic, time-driven model: the status served at `now` is computed from the process specs,
 * the seed and the epoch, with no timers. Processes are listed by code; their histories hold the runs of
 * the last `HISTORY_MS`. Throws a `RangeError` for an
 * invalid spec or a duplicate code.
 */
export function createScenarioModel(options: ScenarioModelOptions): SimulatorModel {
  const { seed, epoch } = options;
  const specs = [...(options.processes ?? demoProcesses)].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const byCode = new Map<string, ScenarioProcess>();
  for (const spec of specs) {
    validateScenarioProcess(spec);
    if (byCode.has(spec.code)) throw new RangeError(`scenario process ${JSON.stringify(spec.code)}: duplicate code`);
    byCode.set(spec.code, spec);
  }
  return {
    list: (now) => specs.map((spec) => scenarioProcessAt(spec, seed, epoch, now)),
    get: (code, now) => {
      const spec = byCode.get(code);
      return spec === undefined ? undefined : scenarioProcessAt(spec, seed, epoch, now);
    },
    histories: (code, now) => {
      const spec = byCode.get(code);
      return spec === undefined ? undefined : scenarioHistories(spec, seed, epoch, now);
    },
  };
}
