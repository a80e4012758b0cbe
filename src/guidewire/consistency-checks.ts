import { defaults } from '../config/types.js';
import type { ItemIssue } from './item-issues.js';
import { FieldError, isObject, type JsonObject, type Mutable, optionalDate, optionalString } from './parse-fields.js';
import { type CollectionPage, parseCollection, type ParseLimits } from './parse.js';

/**
 * `GET /systemtools/v1/database-consistency-checks`: one item per consistency-check run (`id`,
 * `description`, `startTime`, `endTime` absent while running, `duration` in seconds as a string, `errors`,
 * `totalChecks`). The `DBConsistencyCheck` batch process can complete "successfully" while its checks found
 * errors: only this collection shows them. Shapes: ../../../shared/guidewire-api.md.
 */

/** One consistency-check run. Timestamps in ms since the epoch; absent fields stay absent. */
export interface ConsistencyCheckRun {
  /** Opaque, e.g. `cc:303`. */
  readonly id: string;
  readonly startTime?: number;
  /** Absent while the run is still going. */
  readonly endTime?: number;
  /** `duration`, in seconds. */
  readonly durationSeconds?: number;
  /** Checks that found errors. */
  readonly errors?: number;
  readonly totalChecks?: number;
}

/** Every page read of the collection: the runs that parsed and the rejected items, per cause. */
export interface ConsistencyCheckList {
  readonly items: readonly ConsistencyCheckRun[];
  readonly invalid: readonly ItemIssue[];
}

/** At most this many pages are read per request of the collection (see `enoughChecksRead`). */
export const maxConsistencyCheckPages = 40;

// Seconds as Guidewire writes them ("12", "12.5"); a JSON number is tolerated too.
const secondsPattern = /^\d{1,12}(?:\.\d{1,9})?$/;

/** `duration`: seconds as a string (or a number); absent stays absent. */
function optionalSeconds(obj: JsonObject, key: string, path: string): number | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  if (typeof value === 'string' && secondsPattern.test(value.trim())) return Number(value.trim());
  throw new FieldError(`${path}.${key}`, 'expected seconds (a non-negative number or numeric string)');
}

/** A count as a JSON integer or, leniently, an integer string (as `duration` is written); absent stays absent. */
function optionalInteger(obj: JsonObject, key: string, path: string): number | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'string' && /^\d{1,15}$/.test(value.trim()) ? Number(value.trim()) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw new FieldError(`${path}.${key}`, 'expected a non-negative integer');
  return n;
}

function parseCheck(value: unknown, path: string, limits: ParseLimits): ConsistencyCheckRun {
  if (!isObject(value)) throw new FieldError(path, 'expected an object');
  // Ids are bounded like type codes; descriptions are not kept (nothing shows them yet).
  const id = optionalString(value, 'id', path, { max: limits.maxCodeLength, key: 'max_code_length' });
  if (id === undefined || id === '') throw new FieldError(`${path}.id`, 'expected a non-empty string');
  const out: Mutable<ConsistencyCheckRun> = { id };
  const startTime = optionalDate(value, 'startTime', path);
  if (startTime !== undefined) out.startTime = startTime;
  const endTime = optionalDate(value, 'endTime', path);
  if (endTime !== undefined) out.endTime = endTime;
  const duration = optionalSeconds(value, 'duration', path);
  if (duration !== undefined) out.durationSeconds = duration;
  for (const key of ['errors', 'totalChecks'] as const) {
    const n = optionalInteger(value, key, path);
    if (n !== undefined) out[key] = n;
  }
  return out;
}

/**
 * Parses one page of the collection. A bad item lands in `invalid` under its cause, the others still
 * parse; a bad envelope throws `InvalidResponseError`. Items may carry their fields in `attributes` (Cloud
 * API resources) or at the top level. Pure.
 */
export function parseConsistencyCheckPage(json: unknown, endpoint: string, limits: ParseLimits = defaults.limits): CollectionPage<ConsistencyCheckRun> {
  return parseCollection(json, endpoint, limits.maxPageItems, (item, path) =>
    isObject(item) && isObject(item.attributes) ? parseCheck(item.attributes, `${path}.attributes`, limits) : parseCheck(item, path, limits),
  ).page;
}

/**
 * The latest finished run (greatest `endTime`; a run without one is still going and never counts), or
 * undefined when none has finished. Pure.
 */
export function latestFinishedCheck(runs: readonly ConsistencyCheckRun[]): (ConsistencyCheckRun & { readonly endTime: number }) | undefined {
  let latest: (ConsistencyCheckRun & { readonly endTime: number }) | undefined;
  for (const run of runs) {
    const endTime = run.endTime;
    if (endTime !== undefined && (latest === undefined || endTime > latest.endTime)) latest = { ...run, endTime };
  }
  return latest;
}

/**
 * True when the first page alone settles the latest finished run: it holds a finished run and at least two
 * dated runs, and its start times never increase (newest first, as Guidewire's examples list collections).
 * Otherwise the order is unknown and every page is read. Pure.
 */
export function enoughChecksRead(firstPage: readonly ConsistencyCheckRun[]): boolean {
  const starts = firstPage.flatMap((run) => (run.startTime === undefined ? [] : [run.startTime]));
  if (starts.length < 2 || !firstPage.some((run) => run.endTime !== undefined)) return false;
  return starts.every((start, index) => index === 0 || start <= (starts[index - 1] as number));
}
