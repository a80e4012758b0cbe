/**
 * `maintenance:` windows: whether one is open at a time, and the view for a target now. A recurring window
 * opens at each fire time of its cron and lasts its duration; an absolute one is [from, until). Pure.
 */
import { compileQuartz, type CronSchedule } from '../cron/quartz.js';
import type { MaintenanceWindow } from '../config/types.js';
import type { MaintenanceTest, MaintenanceView } from './types.js';

interface OpenWindow {
  readonly name?: string;
  /** The span of the window open at `at`, if one is. */
  openAt(at: number): { readonly from: number; readonly until: number } | undefined;
  /** The next start after `at`. */
  nextFrom(at: number): number | undefined;
}

function compile(window: MaintenanceWindow): OpenWindow {
  const named = window.name === undefined ? {} : { name: window.name };
  if (window.kind === 'absolute') {
    return {
      ...named,
      openAt: (at) => (window.from <= at && at < window.until ? { from: window.from, until: window.until } : undefined),
      nextFrom: (at) => (window.from > at ? window.from : undefined),
    };
  }
  // The config layer has checked the expression and zone; compiled once here, per window.
  const cron: CronSchedule = compileQuartz(window.expression, window.timezone);
  // The starts around the last time asked: every time between them has the same latest start, and a
  // poll asks about times close together (each process's fire times near now), so most tests cost no
  // cron step.
  let known: { readonly from: number | undefined; readonly next: number | undefined } | undefined;
  const latestStart = (at: number): number | undefined => {
    const inside = known !== undefined && (known.from === undefined || known.from <= at) && (known.next === undefined || at < known.next);
    if (!inside || known === undefined) known = { from: cron.previous(at + 1), next: cron.next(at) };
    return known.from;
  };
  return {
    ...named,
    openAt(at) {
      // The latest start at or before `at`: windows of one cron longer than its period overlap, and the
      // latest start is the one that closes last.
      const from = latestStart(at);
      return from !== undefined && at < from + window.durationMs ? { from, until: from + window.durationMs } : undefined;
    },
    nextFrom: (at) => cron.next(at),
  };
}

/** A target's windows compiled once: the test the schedule evaluation uses, and the view for now. */
export interface MaintenanceCalendar {
  readonly test: MaintenanceTest;
  view(now: number): MaintenanceView;
}

/** Compiles a target's windows once (create one per target and configuration, not per poll). */
export function maintenanceCalendar(windows: readonly MaintenanceWindow[]): MaintenanceCalendar {
  const compiled = windows.map(compile);
  return {
    test: compiled.length === 0 ? () => false : (at) => compiled.some((window) => window.openAt(at) !== undefined),
    view: (now) => viewOf(compiled, now),
  };
}

/** A test of whether a time (ms) falls in any of the windows; compiles recurring windows once. */
export function maintenanceTest(windows: readonly MaintenanceWindow[]): MaintenanceTest {
  return maintenanceCalendar(windows).test;
}

/**
 * Whether a window is open at `now`, which (the one closing last when several are), and until when; or,
 * none open, when the next opens (`until` and `nextFrom` both, as the view's contract reads).
 */
export function maintenanceView(windows: readonly MaintenanceWindow[], now: number): MaintenanceView {
  return viewOf(windows.map(compile), now);
}

function viewOf(compiled: readonly OpenWindow[], now: number): MaintenanceView {
  let open: { readonly name?: string; readonly until: number } | undefined;
  let nextFrom: number | undefined;
  for (const window of compiled) {
    const span = window.openAt(now);
    if (span !== undefined && (open === undefined || span.until > open.until)) {
      open = { ...(window.name === undefined ? {} : { name: window.name }), until: span.until };
    }
    const start = window.nextFrom(now);
    if (start !== undefined && (nextFrom === undefined || start < nextFrom)) nextFrom = start;
  }
  if (open !== undefined) return { active: true, ...open, ...(nextFrom === undefined ? {} : { nextFrom }) };
  return { active: false, ...(nextFrom === undefined ? {} : { until: nextFrom, nextFrom }) };
}
