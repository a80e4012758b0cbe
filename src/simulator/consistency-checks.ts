import { guidewireError } from './guidewire-errors.js';
import type { SimResponse } from './http-io.js';
import type { Paging } from './paging.js';
import { keyedRandom } from './prng.js';
import { encodePathSegment, pagedCollection, resourceElement } from './resources.js';
import type { ConsistencyCheckOptions, RawProcessHistory, SimulatorModel } from './types.js';

/**
 * `GET /systemtools/v1/database-consistency-checks[/{id}]`: one consistency-check run per run of the
 * model's `DBConsistencyCheck` process that has started, with the same start and end; a run still going has
 * no `endTime` and no `duration`. About one finished run in three found errors (1 to 12, decided by the
 * run's id, so the same run always answers the same). A model without that process has no check runs.
 */

export const CONSISTENCY_CHECKS_PATH = '/systemtools/v1/database-consistency-checks';

/** The batch process whose runs are the check runs. */
export const CONSISTENCY_CHECK_PROCESS = 'DBConsistencyCheck';

/** One check run as its `attributes` go on the wire. */
export interface RawConsistencyCheck {
  readonly id: string;
  readonly description: string;
  readonly startTime: string;
  readonly endTime?: string;
  /** Seconds, as a string (as Guidewire sends it). */
  readonly duration?: string;
  readonly errors: number;
  readonly totalChecks: number;
}

/** The check run of one started `DBConsistencyCheck` run. */
function checkOf(run: RawProcessHistory & { readonly startDate: string }): RawConsistencyCheck {
  // `ab:Swdab0…` becomes `cc:Swdab0…`: stable for the run's life, unique as the history id is.
  const id = `cc:${run.id.slice(run.id.indexOf(':') + 1)}`;
  const random = keyedRandom(0, 'dbcc', id);
  const totalChecks = 180 + Math.floor(random() * 60);
  const finished = run.dateCompleted !== undefined;
  const errors = finished && random() < 1 / 3 ? 1 + Math.floor(random() * 12) : 0;
  const durationSeconds = finished ? (Date.parse(run.dateCompleted) - Date.parse(run.startDate)) / 1000 : undefined;
  return {
    id,
    description: 'Database consistency checks',
    startTime: run.startDate,
    ...(run.dateCompleted === undefined ? {} : { endTime: run.dateCompleted }),
    ...(durationSeconds === undefined ? {} : { duration: String(durationSeconds) }),
    errors,
    totalChecks,
  };
}

/** The check runs at `now`, newest first (by start, as Guidewire lists its collections) or oldest first. */
export function consistencyChecks(model: SimulatorModel, now: number, options: ConsistencyCheckOptions = {}): RawConsistencyCheck[] {
  const runs = model.histories(CONSISTENCY_CHECK_PROCESS, now) ?? [];
  const checks = runs.flatMap((run) => (run.startDate === undefined ? [] : [checkOf({ ...run, startDate: run.startDate })]));
  checks.sort((a, b) => Date.parse(a.startTime) - Date.parse(b.startTime));
  return options.order === 'oldest-first' ? checks : checks.reverse();
}

const absent = (path: string): SimResponse => guidewireError(404, 'The requested resource was not found', `No resource exists at path ${path}`);

const element = (check: RawConsistencyCheck): Record<string, unknown> =>
  resourceElement({ ...check }, `${CONSISTENCY_CHECKS_PATH}/${encodePathSegment(check.id)}`);

/** `GET /database-consistency-checks`: one page of the check runs; 404 when the options say the release lacks it. */
export function consistencyCheckCollection(checks: readonly RawConsistencyCheck[], paging: Paging, options: ConsistencyCheckOptions = {}): SimResponse {
  if (options.absent === true) return absent(CONSISTENCY_CHECKS_PATH);
  return { status: 200, body: pagedCollection(checks, paging, CONSISTENCY_CHECKS_PATH, element) };
}

/** `GET /database-consistency-checks/{id}`: one check run, or 404. */
export function consistencyCheckDocument(checks: readonly RawConsistencyCheck[], id: string, options: ConsistencyCheckOptions = {}): SimResponse {
  if (options.absent === true) return absent(`${CONSISTENCY_CHECKS_PATH}/${id}`);
  const check = checks.find((candidate) => candidate.id === id);
  if (check === undefined) return guidewireError(404, `No consistency check with id '${id}'`, `No DBConsistencyCheckRun '${id}'`);
  return { status: 200, body: { data: element(check) } };
}
