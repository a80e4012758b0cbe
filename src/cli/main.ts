/**
 * The command line: with its entry (src/cli.ts), the only module that touches `process` (argv, env, signals,
 * exit codes). Exit codes: 0 ok, 1 runtime failure, 2 invalid configuration or usage.
 */
import { App } from '../app.js';
import { loadConfigFile } from '../config/load.js';
import type { Shard } from '../config/shard.js';
import type { ExporterConfig } from '../config/types.js';
import { summarizeConfig } from '../config/summary.js';
import { ConfigError } from '../errors.js';
import { loadWebConfigFile } from '../http/web-config.js';
import { createLogger, type Logger } from '../logger.js';
import { defaultLogBounds, truncateString } from '../log-bounds.js';
import { runProbe } from '../probe/run.js';
import { createScenarioModel, schedulesForEnv, startSimulator } from '../simulator/index.js';
import { simulatorCredentials } from '../simulator/credentials.js';
import { buildIdentity, packageVersion } from '../version.js';
import { parseArgs, resolveShard, type Command } from './args.js';
import { startDemo } from './demo.js';
import { describeSchedules } from './schedule-check.js';
import { UsageError } from './flags.js';
import type { HangUps } from './hang-up.js';
import { usage } from './usage.js';

const version = packageVersion();
// The revision is the build's (dist/build-info.json, from git or GWE_REVISION at build time);
// GUIDEWIRE_EXPORTER_REVISION, when set, still overrides it at run time.
const revision = process.env['GUIDEWIRE_EXPORTER_REVISION']?.trim() || buildIdentity().revision;
const build = { version, revision, nodejsVersion: process.version };

/** Resolves once SIGINT or SIGTERM arrives. */
const untilSignal = (): Promise<NodeJS.Signals> =>
  new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });

async function runExporter(command: Extract<Command, { kind: 'run' }>, shard: Shard | undefined, logger: Logger, hangUps: HangUps): Promise<number> {
  // A bad web configuration is a configuration error (exit 2) before anything starts.
  if (command.web.configFile !== undefined) loadWebConfigFile(command.web.configFile);
  const file = command.configFile;
  // parseArgs guarantees exactly one of --demo and --config.file.
  const loadConfig = file === undefined ? undefined : (signal?: AbortSignal) => loadConfigFile(file, { env: process.env, ...(signal === undefined ? {} : { signal }) });
  const demo = loadConfig === undefined ? await startDemo({ now: Date.now }) : undefined;
  const config = demo?.config ?? (await (loadConfig as () => Promise<ExporterConfig>)());
  if (demo !== undefined) logger.info({ simulator: demo.simulator.baseUrl }, 'demo mode: monitoring the built-in Guidewire simulator');
  const app = new App({
    config,
    logger,
    listen: command.web,
    telemetryPath: command.web.telemetryPath,
    routePrefix: command.web.routePrefix,
    ...(command.web.externalUrl === undefined ? {} : { externalUrl: command.web.externalUrl }),
    ...(command.web.configFile === undefined ? {} : { webConfigFile: command.web.configFile }),
    build,
    ...(loadConfig === undefined ? {} : { loadConfig }),
    ...(command.reloadTimeoutMs === undefined ? {} : { reloadTimeoutMs: command.reloadTimeoutMs }),
    ...(shard === undefined ? {} : { shard }),
    // `events.sink: stdout` writes here, beside the logger (docs/events.md).
    stdout: (text) => void process.stdout.write(text),
  });
  await app.start();
  // SIGHUP reloads the configuration, as for Prometheus; a bad file keeps the running one.
  if (hangUps.started(() => void app.reload())) logger.info('SIGHUP arrived while the exporter was starting: reloading the configuration');
  const signal = await untilSignal();
  hangUps.stopping();
  logger.info({ signal }, 'shutting down');
  await app.stop();
  await demo?.simulator.close();
  return 0;
}

async function runSimulator(command: Extract<Command, { kind: 'simulate' }>, logger: Logger): Promise<number> {
  const simulator = await startSimulator({
    host: command.web.host ?? '0.0.0.0',
    port: command.web.port,
    contextRoot: command.simulator.contextRoot,
    listIncludesStatus: command.simulator.listIncludesStatus,
    historyOrder: command.simulator.historyOrder,
    apiSchema: command.simulator.apiSchema,
    // The demo application's scheduler-config.xml for env demo (docs/examples/scheduler-config.xml).
    model: createScenarioModel({ seed: command.simulator.seed, epoch: Date.now(), schedules: schedulesForEnv('demo') }),
    auth: simulatorCredentials,
  });
  logger.info({ baseUrl: simulator.baseUrl, tokenUrl: simulator.tokenUrl, credentials: 'see docs/simulator.md' }, 'Guidewire simulator listening');
  await untilSignal();
  await simulator.close();
  return 0;
}

async function main(argv: readonly string[], hangUps: HangUps): Promise<number> {
  let command: Command;
  let shard: Shard | undefined;
  try {
    command = parseArgs(argv);
    // --shard.from-pod-name reads the StatefulSet pod's name; a name without an ordinal is a usage error.
    shard = command.kind === 'run' ? resolveShard(command.shard, process.env) : undefined;
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`guidewire-batch-exporter: ${err.message}\n\n${usage}`);
    return 2;
  }
  if (command.kind === 'help') return process.stdout.write(usage), 0;
  if (command.kind === 'version') return process.stdout.write(`guidewire-batch-exporter ${version} (node ${process.version})\n`), 0;
  if (command.kind === 'check') {
    const config = await loadConfigFile(command.configFile, { env: process.env });
    if (command.webConfigFile !== undefined) loadWebConfigFile(command.webConfigFile);
    process.stdout.write(`${command.configFile}: configuration is valid\n${summarizeConfig(config)}\n${describeSchedules(config, Date.now())}\n`);
    if (command.webConfigFile !== undefined) process.stdout.write(`${command.webConfigFile}: web configuration is valid\n`);
    return 0;
  }
  if (command.kind === 'probe') {
    const stdout = process.stdout;
    return runProbe(command, {
      stdout: (text) => void stdout.write(text),
      stderr: (text) => void process.stderr.write(text),
      env: process.env,
      isTTY: stdout.isTTY === true,
      columns: stdout.columns,
    });
  }
  const logger = createLogger(command.log);
  return command.kind === 'simulate' ? runSimulator(command, logger) : runExporter(command, shard, logger, hangUps);
}

/** Runs the command line of this process; `hangUps` has caught SIGHUP since the entry started. */
export function runCli(hangUps: HangUps): void {
  // A rejection nobody handled is a bug, but one poll's bug must not take the exporter (and every
  // target's monitoring) down with it: log it loudly and keep serving. An uncaught exception leaves
  // state unknown: log it and exit non-zero so the supervisor restarts a clean process.
  // These lines bypass the logger, so they are bounded here: the reason may quote upstream data. A
  // stack needs more room than a field value.
  const bounded = (text: string): string => truncateString(text, 4 * defaultLogBounds.maxValueLength);
  process.on('unhandledRejection', (reason) => {
    const err = reason instanceof Error ? (reason.stack ?? reason.message) : String(reason);
    process.stderr.write(`${JSON.stringify({ level: 50, msg: 'unhandled promise rejection (a bug; please report it)', err: bounded(err) })}\n`);
  });
  process.on('uncaughtException', (err) => {
    process.stderr.write(`${JSON.stringify({ level: 60, msg: 'uncaught exception (a bug; please report it); exiting', err: bounded(err.stack ?? String(err)) })}\n`);
    process.exit(1);
  });

  main(process.argv.slice(2), hangUps).then(
    (code) => {
      process.exitCode = code;
      // Everything is closed by now; should a library handle linger, do not hang the shutdown on it.
      setTimeout(() => process.exit(code), 2000).unref();
    },
    (err: unknown) => {
      if (err instanceof ConfigError) {
        process.stderr.write(`${err.message}\n`);
        process.exitCode = 2;
        return;
      }
      process.stderr.write(`guidewire-batch-exporter: ${truncateString(err instanceof Error ? err.message : String(err), 4 * defaultLogBounds.maxValueLength)}\n`);
      process.exitCode = 1;
    },
  );
}
