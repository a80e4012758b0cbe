/**
 * The Guidewire System Tools API simulator: a loopback HTTP server (`startSimulator`) serving a model,
 * either static JSON (`createStaticModel`) or a deterministic time-driven scenario (`createScenarioModel`),
 * whose processes may run by the crons of the demo application's scheduler-config.xml (`schedulesForEnv`).
 * Used by demo mode, the `simulate` subcommand and integration tests.
 */
export type {
  ConsistencyCheckOptions,
  ApiSchemaFlavour,
  Fault,
  FaultAction,
  HistoryOrder,
  HistoryParam,
  RawBatchProcess,
  RawProcessHistory,
  RunningSimulator,
  SimulatorModel,
  SimulatorOptions,
  SimulatorStats,
  SystemTimeOptions,
  SystemTimeShape,
} from './types.js';
export { startSimulator } from './server.js';
export { createStaticModel, type StaticModel } from './static-model.js';
export { createScenarioModel, type ScenarioModelOptions } from './scenario-model.js';
export { demoProcesses } from './demo-processes.js';
export { demoSchedulerConfigXml, schedulesForEnv } from './scheduler-config-xml.js';
export { DEFAULT_SERVER_ZONE } from './system-time.js';
export { TOKEN_PATH } from './token-endpoint.js';
