import { defaults, type ExporterConfig } from '../config/types.js';
import { createScenarioModel, startSimulator, type RunningSimulator } from '../simulator/index.js';

/** Fixed demo credentials: the simulator and the exporter share them in-process only. */
const demoClient = { clientId: 'demo-exporter', clientSecret: 'demo-secret-not-for-production' } as const;

export interface Demo {
  readonly simulator: RunningSimulator;
  readonly config: ExporterConfig;
}

/**
 * Starts the built-in simulator on a free loopback port with the demo scenario and returns a config
 * that monitors it over OAuth2, as a Guidewire Cloud target would be. Polls fast so every metric moves
 * within a minute.
 */
export async function startDemo(options: { now: () => number; seed?: number }): Promise<Demo> {
  const simulator = await startSimulator({
    host: '127.0.0.1',
    port: 0,
    model: createScenarioModel({ seed: options.seed ?? 1, epoch: options.now() }),
    auth: { oauth2: { clientId: demoClient.clientId, clientSecret: demoClient.clientSecret, tokenTtlSeconds: 300 } },
    now: options.now,
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
        overrides: Object.freeze([]),
        limits: Object.freeze({ ...defaults.limits }),
        graceMs: defaults.graceMs,
        maintenance: Object.freeze([]),
      }),
    ]),
    runDurationBuckets: defaults.runDurationBuckets,
  });
  return { simulator, config };
}
