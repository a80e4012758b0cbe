import type { RunOutcome, RunTrigger } from '../history/outcome.js';
import type { BarGeometry, HourLine, TimeWindow } from './timeline.js';
import type { ProcessFlag, StatusQuery } from './types.js';

/**
 * What the batch-window page (`/batch-window`) shows: per target a timeline of the last 24 hours (and
 * the next few), one row per process. Built by `batchWindowSteps`; times on Guidewire's clock (ms).
 */

/** A bar's colour: a finished run's outcome, or `running`. */
export type BarKind = RunOutcome | 'running';

export interface RunBar extends BarGeometry {
  /** The history item's id; absent for a run only the process status shows so far. */
  readonly id?: string;
  readonly kind: BarKind;
  readonly trigger?: RunTrigger;
  /** When it began (`startDate`, else `dateCreated`) and ended (`dateCompleted`; now while running). */
  readonly begin: number;
  readonly end: number;
  readonly failedOps?: number;
}

/** A point on the timeline: a fire time, the next one, the deadline, the forecast. */
export interface Mark {
  readonly at: number;
  readonly x: number;
}

export interface WindowDeadline extends Mark {
  readonly label: string;
  readonly missed: boolean;
  readonly atRisk: boolean;
}

/** Which part of a target's timeline a process is in (see `groupOf`). */
export const WindowGroups = ['attention', 'active', 'quiet'] as const;
export type WindowGroup = (typeof WindowGroups)[number];

export interface WindowRow {
  readonly code: string;
  readonly name: string;
  /** Its row on the status page (`./#anchor`). */
  readonly anchor: string;
  readonly flags: readonly ProcessFlag[];
  readonly failing: boolean;
  readonly group: WindowGroup;
  /** Oldest first, at most `maxBarsPerRow` (the newest). */
  readonly bars: readonly RunBar[];
  /** Runs in the window left out by the bound. */
  readonly barsDropped: number;
  /** Past fire times in the window, oldest first. */
  readonly fireTimes: readonly Mark[];
  readonly next?: Mark;
  /** While late: the fire time no run has answered. */
  readonly lateSince?: Mark;
  readonly deadline?: WindowDeadline;
  /** The running run's completion forecast (drawn from now to it). */
  readonly forecast?: Mark;
  /** The schedule's label, source and zone, for the row's text. */
  readonly schedule?: { readonly label: string; readonly source: string; readonly timezone: string; readonly late: boolean };
}

export interface WindowTarget {
  readonly name: string;
  readonly anchor: string;
  /** Now on its clock, and where it falls. */
  readonly now: Mark;
  readonly window: TimeWindow;
  /** The zone the hours and bar texts read in (the server's, else UTC). */
  readonly zone: string;
  readonly hours: readonly HourLine[];
  /** Rows drawn per group, in the page's order; rows past the page's bound are counted in `notDrawn`. */
  readonly groups: Readonly<Record<WindowGroup, readonly WindowRow[]>>;
  /** Processes the filter lets through, per group, drawn or not. */
  readonly counts: Readonly<Record<WindowGroup, number>>;
  readonly notDrawn: number;
  /** Processes the filter hides. */
  readonly hidden: number;
  readonly maintenance: boolean;
}

export interface BatchWindowView {
  readonly version: string;
  /** The exporter's clock. */
  readonly now: number;
  readonly query: StatusQuery;
  readonly targets: readonly WindowTarget[];
  /** Rows drawn on the whole page (at most `maxDrawnRows`). */
  readonly drawn: number;
}
