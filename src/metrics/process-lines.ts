import type { HistoryStats } from '../history/stats.js';
import type { ProcessView } from '../model/snapshot.js';
import type { ScheduleView } from '../schedule/types.js';
import type { SnapshotFamilyKey } from './families.js';
import { LineWriter } from './line-writer.js';
import { writeProcess } from './map-snapshot.js';

/** One process's rendered lines per family, with what they were rendered from. */
export interface ProcessLines {
  readonly view: ProcessView;
  readonly stats: HistoryStats | undefined;
  readonly lines: ReadonlyMap<SnapshotFamilyKey, string>;
}

/** Rendered lines of a target's processes by type code, from its previous render. */
export type ProcessLinesMemo = ReadonlyMap<string, ProcessLines>;

/** Equality of JSON-like data (what the API parsers produce): primitives, arrays and plain objects. */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  return keysA.every((key) => Object.hasOwn(b, key) && sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** True when two schedule views render the same lines (the timeline's fire times are not exported). */
function sameSchedule(a: ScheduleView | undefined, b: ScheduleView | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return (
    a.source === b.source &&
    a.label === b.label &&
    a.timezone === b.timezone &&
    a.graceMs === b.graceMs &&
    a.nextAt === b.nextAt &&
    a.previousAt === b.previousAt &&
    a.late === b.late &&
    a.missedTotal === b.missedTotal &&
    a.skippedTotal === b.skippedTotal &&
    sameData(a.deadline, b.deadline)
  );
}

/**
 * True when two views render the same lines: the process as read, its thresholds, the two facts of
 * stall tracking that are exported (`observedAt` and the run fingerprint are not), and its schedule.
 */
function sameRendering(a: ProcessView, b: ProcessView): boolean {
  return (
    sameData(a.process, b.process) &&
    sameData(a.thresholds, b.thresholds) &&
    a.progress?.stalled === b.progress?.stalled &&
    a.progress?.lastChangeAt === b.progress?.lastChangeAt &&
    sameSchedule(a.schedule, b.schedule)
  );
}

/**
 * A process's lines: the previous render's when nothing they show changed (history stats keep their
 * identity until they change), else rendered now. Most processes of a polled target did not change, so
 * a poll re-renders only the few that did.
 */
export function processLines(target: string, view: ProcessView, stats: HistoryStats | undefined, previous: ProcessLines | undefined): ProcessLines {
  if (previous !== undefined && previous.stats === stats && sameRendering(previous.view, view)) return previous;
  const writer = new LineWriter();
  writeProcess(writer, target, view, stats);
  return { view, stats, lines: writer.chunks() };
}
