import { defaults, type ExporterConfig } from '../config/types.js';
import { createScenarioModel, DEFAULT_SERVER_ZONE, schedulesForEnv, startSimulator, type RunningSimulator } from '../simulator/index.js';
import { DEMO_ENV, DEMO_GRACE_MS, demoMaintenance, demoOverrides, demoSchedulerImport } from './demo-schedules.js';

/** Fixed demo credentials: the simulator and the exporter share them in-process only. */
const demoClient = { clientId: 'demo-exporter', clientSecret: 'demo-secret-not-for-production' } as const;

export interface Demo {
  readonly simulator: RunningSimulator;
  readonly config: ExporterConfig;
}

/**
 * Starts the built-in simulator on a free loopback port with the demo scenario and returns a config
 * that monitors it over OAuth2, as a Guidewire Cloud target would be. Polls fast so every metric moves
 * within a minute. The simulator runs its scheduler-config.xml for env `demo` in America/Chicago, and the
 * target imports the same file, with a 5 s grace: within a minute one process is late and one has missed
 * a run (demo-processes.ts). The target's zone is left to `/system-time`.
 */
export async function startDemo(options: { now: () => number; seed?: number }): Promise<Demo> {
  const simulator = await startSimulator({
    host: '127.0.0.1',
    port: 0,
    model: createScenarioModel({ seed: options.seed ?? 1, epoch: options.now(), schedules: schedulesForEnv(DEMO_ENV), timezone: DEFAULT_SERVER_ZONE }),
    auth: { oauth2: { clientId: demoClient.clientId, clientSecret: demoClient.clientSecret, tokenTtlSeconds: 300 } },
    now: options.now,
    systemTime: { zone: DEFAULT_SERVER_ZONE },
  });
  const config: ExporterConfig = Object.freeze({
    targets: Object.freeze([
      Object.freeze({
        name: 'demo',
        baseUrl: simulator.baseUrl,
        auth: Object.freeze({
          kind: 'oauth2' as const,
          tokenUrl: simulator.tokenUrl,
          clientId: demoClient.clientId,
          clientSecret: Object.freeze({ kind: 'inline' as const, value: demoClient.clientSecret }),
          scopes: Object.freeze(['tenant.demo', 'cc.service']),
          endpointParams: Object.freeze({}),
        }),
        tls: Object.freeze({ insecureSkipVerify: false }),
        pollIntervalMs: 5_000,
        requestTimeoutMs: 5_000,
        concurrency: defaults.concurrency,
        listPageSize: defaults.listPageSize,
        stallAfterMs: 30_000,
        maxStalenessMs: 60_000,
        historyIntervalMs: 15_000,
        history: defaults.history,
        include: defaults.include,
        exclude: defaults.exclude,
        overrides: demoOverrides,
        limits: Object.freeze({ ...defaults.limits }),
        graceMs: DEMO_GRACE_MS,
        schedulerImport: demoSchedulerImport(),
        maintenance: demoMaintenance(options.now()),
      }),
    ]),
    runDurationBuckets: defaults.runDurationBuckets,
  });
  return { simulator, config };
}
