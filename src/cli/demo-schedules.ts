import { parseSchedulerConfig } from '../config/scheduler-config.js';
import type { MaintenanceWindow, ProcessOverride, SchedulerImport } from '../config/types.js';
import { demoSchedulerConfigXml } from '../simulator/index.js';

/**
 * The schedule parts of the demo target: the simulator's scheduler-config.xml imported for env `demo`, a
 * short grace, a deadline on one process and a maintenance window that does not hide the demo.
 */

/** The environment the demo server runs in (its scheduler-config.xml entries with `env="demo"` apply). */
export const DEMO_ENV = 'demo';

/** The name the demo's scheduler-config.xml goes by in messages and /config. */
export const DEMO_SCHEDULER_FILE = '<demo>/scheduler-config.xml';

/** Short, so that a late start shows within seconds; the simulator's late starts are 12 s and more. */
export const DEMO_GRACE_MS = 5_000;

/**
 * The demo application's scheduler-config.xml as the exporter imports it for env `demo`: the same parser as
 * `scheduler_config_file:`, over the text the simulator runs.
 */
export function demoSchedulerImport(env: string = DEMO_ENV): SchedulerImport {
  return parseSchedulerConfig(demoSchedulerConfigXml, DEMO_SCHEDULER_FILE, env);
}

/** DBConsistencyCheck (a run every 5 minutes at :05, about 2 minutes long) must be done 3 minutes in. */
export const demoOverrides: readonly ProcessOverride[] = Object.freeze([
  Object.freeze({
    match: 'DBConsistencyCheck',
    completeBy: Object.freeze({ text: '0 3/5 * * * ?', expression: '0 3/5 * * * ?' }),
  }),
]);

/** A year-end change freeze next December: an example window that never hides the demo's late and missed runs. */
export function demoMaintenance(now: number): readonly MaintenanceWindow[] {
  const year = new Date(now).getUTCFullYear() + 1;
  return Object.freeze([
    Object.freeze({ kind: 'absolute' as const, name: 'year-end change freeze', from: Date.UTC(year, 11, 24, 18), until: Date.UTC(year, 11, 27, 6) }),
  ]);
}
