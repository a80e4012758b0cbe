import type { CronField } from '../cron/quartz.js';

/**
 * The scheduler-config.xml of the demo application (ClaimCenter-like), as data: the simulator starts runs
 * by these entries and `scheduler-config-xml.ts` renders them as the file the exporter imports, so the two
 * cannot drift apart. Attributes are written as a Guidewire developer would, leaving Guidewire's defaults
 * out (seconds 0, minutes 0, hours `*`, dayofmonth `*`, month `*`, dayofweek `?`).
 */

/** The attributes of one `<CronSchedule/>`, in Quartz syntax. */
export type CronAttributes = Readonly<Partial<Record<CronField, string>>>;

/** One `<ProcessSchedule>`: without `env` it applies in every environment, with it only there. */
export interface ProcessScheduleEntry {
  readonly process: string;
  readonly env?: string;
  /** A comment written just above the entry. */
  readonly comment?: string;
  readonly crons: readonly CronAttributes[];
}

/** A group of entries under one comment banner. */
export interface ScheduleSection {
  readonly banner: string;
  readonly entries: readonly ProcessScheduleEntry[];
}

export const demoSchedulerSections: readonly ScheduleSection[] = [
  {
    banner: "Every environment: the base configuration's examples (the nightly window is 01:00-04:00).",
    entries: [
      {
        process: 'ActivityEsc',
        comment: 'Base configuration: every 30 minutes.',
        crons: [{ minutes: '0/30' }],
      },
      {
        process: 'ClaimException',
        comment: "ClaimCenter's counterpart of the base configuration's OpenPolicyException: every night at 2 a.m.",
        crons: [{ hours: '2' }],
      },
      {
        process: 'Statistics',
        comment: 'The first Saturday of each month at noon (dayofweek 7 is Saturday; 1 is Sunday).',
        crons: [{ hours: '12', dayofweek: '7#1' }],
      },
    ],
  },
  {
    banner: 'Production: the nightly chain, one process after another, then the business-day processes.',
    entries: [
      { process: 'PurgeWorkflowLogs', env: 'prod', crons: [{ hours: '1' }] },
      { process: 'ProcessHistoryPurge', env: 'prod', crons: [{ minutes: '15', hours: '1' }] },
      { process: 'PurgeFailedWorkItems', env: 'prod', crons: [{ minutes: '30', hours: '1' }] },
      { process: 'PurgeMessageHistory', env: 'prod', crons: [{ minutes: '45', hours: '1' }] },
      {
        process: 'DBConsistencyCheck',
        env: 'prod',
        comment: 'Sundays only, inside the nightly window.',
        crons: [{ minutes: '30', hours: '2', dayofweek: 'SUN' }],
      },
      { process: 'IdleClaim', env: 'prod', crons: [{ hours: '3' }] },
      { process: 'AggLimitCalc', env: 'prod', crons: [{ minutes: '30', hours: '3' }] },
      { process: 'DataDistribution', env: 'prod', crons: [{ hours: '4' }] },
      {
        process: 'Geocode',
        env: 'prod',
        comment: 'Every 15 minutes during business hours on weekdays.',
        crons: [{ minutes: '0/15', hours: '7-19', dayofweek: 'MON-FRI' }],
      },
      { process: 'FinancialsEsc', env: 'prod', comment: 'Hourly at five past, outside the nightly window.', crons: [{ minutes: '5', hours: '0,4-23' }] },
      { process: 'ExchangeRate', env: 'prod', comment: 'Weekdays at 05:30, before the markets open.', crons: [{ minutes: '30', hours: '5', dayofweek: '2-6' }] },
      { process: 'BulkInvoiceEsc', env: 'prod', comment: 'The weekday nearest the 15th, and the last weekday of the month.', crons: [{ hours: '6', dayofmonth: '15W' }, { hours: '6', dayofmonth: 'LW' }] },
      { process: 'CatastropheClaimFinder', env: 'prod', comment: 'The last day of each month at 23:00.', crons: [{ hours: '23', dayofmonth: 'L' }] },
    ],
  },
  {
    banner: 'Demo: seconds-level cadences so that a minute shows several runs of each process.',
    entries: [
      { process: 'ActivityEsc', env: 'demo', comment: 'Added to the 30-minute schedule above: the process runs on both.', crons: [{ seconds: '0/30', minutes: '*' }] },
      { process: 'Workflow', env: 'demo', crons: [{ seconds: '0/20', minutes: '*' }] },
      { process: 'ProcessCompletionMonitor', env: 'demo', crons: [{ seconds: '5/20', minutes: '*' }] },
      { process: 'Geocode', env: 'demo', crons: [{ seconds: '11', minutes: '*' }] },
      { process: 'FinancialsEsc', env: 'demo', crons: [{ seconds: '25', minutes: '*' }] },
      {
        process: 'ClaimException',
        env: 'demo',
        comment: 'Long runs: one that overruns the next minute makes the scheduler skip that fire time.',
        crons: [{ seconds: '2', minutes: '*' }],
      },
      { process: 'DBConsistencyCheck', env: 'demo', crons: [{ seconds: '5', minutes: '0/5' }] },
      { process: 'IdleClaim', env: 'demo', crons: [{ seconds: '50', minutes: '0/2' }] },
      { process: 'GroupException', env: 'demo', crons: [{ seconds: '30', minutes: '0/2' }] },
      { process: 'UserException', env: 'demo', crons: [{ seconds: '10', minutes: '1/2' }] },
      { process: 'Statistics', env: 'demo', crons: [{ seconds: '15', minutes: '0/2' }] },
    ],
  },
];
