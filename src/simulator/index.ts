/**
 * The Guidewire System Tools API simulator: a loopback HTTP server (`startSimulator`) serving a model,
 * either static JSON (`createStaticModel`) or a deterministic time-driven scenario (`createScenarioModel`).
 * Used by demo mode, the `simulate` subcommand and integration tests.
 */
export type {
  Fault,
  FaultAction,
  HistoryOrder,
  RawBatchProcess,
  RawProcessHistory,
  RunningSimulator,
  SimulatorModel,
  SimulatorOptions,
  SimulatorStats,
} from './types.js';
export { HISTORY_ORDERS } from './types.js';
export { startSimulator } from './server.js';
export { createStaticModel, type StaticModel } from './static-model.js';
export { createScenarioModel, scenarioProcessAt, type ScenarioModelOptions } from './scenario-model.js';
export { HISTORY_MS, NEVER_RUN_REASON, SERVER_IDS, type ScenarioProcess } from './scenario-spec.js';
export {
  currentRun,
  firstRunIndex,
  latestRunIndex,
  observeRun,
  planRun,
  runsOf,
  type FailureKind,
  type PlannedRun,
  type RunObservation,
  type RunOutcome,
  type RunWindow,
  type ScenarioRunRecord,
} from './scenario-runs.js';
export { HISTORY_MAX_RUNS, historyJson, scenarioHistories } from './scenario-history.js';
export { demoProcesses } from './demo-processes.js';
export { guidewireErrorBody } from './guidewire-errors.js';
export { TOKEN_PATH } from './token-endpoint.js';
