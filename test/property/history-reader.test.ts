import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HistoryPageRequest, ProcessHistory, ProcessHistoryPage } from '../../src/guidewire/types.js';
import { initialHistoryState, readProcessHistory, type ProcessHistoryState } from '../../src/history/process-history.js';
import type { HistoryOrder } from '../../src/history/reader.js';
import { bucketIndex, runKeys, type RunKey } from '../../src/history/stats.js';
import { runs } from './support/runs.js';

/**
 * A simulated Guidewire run history over many polls: runs start and finish one after another, some
 * are still going when a read happens, some die (never complete, then are superseded), old ones get
 * purged, and the collection is served in pages like Guidewire's (offsets, `total`, `links.next`), in
 * either order. After every read the counters must match an independent account of the runs.
 */

interface RunSpec {
  readonly gap: number;
  readonly startDelay: number;
  readonly duration: number;
  readonly omitStart: boolean;
  readonly internalFailure: boolean | undefined;
  readonly ranToCompletion: boolean | undefined;
  readonly failedOps: number | undefined;
  readonly scheduled: boolean | undefined;
  /** Never completes (only generated for runs created after the exporter started). */
  readonly died: boolean;
}

interface SimRun {
  readonly id: string;
  readonly spec: RunSpec;
  readonly created: number;
  readonly start: number;
  /** When it completed; undefined while it runs (or forever, when it died). */
  completedAt?: number;
}

interface PollSpec {
  /** Old runs purged before this poll (only runs that had finished by the previous read). */
  readonly purge: number;
  readonly newRuns: readonly RunSpec[];
  /** The newest run is still going at this read. */
  readonly lastRunning: boolean;
}

interface Scenario {
  readonly order: HistoryOrder;
  readonly pageSize: number;
  /** Whether the server answers `includeTotal=true` with `total`. */
  readonly givesTotal: boolean;
  readonly t0: number;
  /** Runs that finished before the exporter started; the newest may still be going then. */
  readonly preRuns: readonly RunSpec[];
  readonly preRunning: boolean;
  readonly startupGap: number;
  /** Runs that finish between the exporter's start and its first history read. */
  readonly windowRuns: readonly RunSpec[];
  readonly windowLastRunning: boolean;
  readonly polls: readonly PollSpec[];
}

const weighted = <T>(...pairs: [T, number][]): fc.Arbitrary<T> =>
  fc.oneof(...pairs.map(([value, weight]) => ({ arbitrary: fc.constant(value), weight })));

const runSpec = (canDie: boolean): fc.Arbitrary<RunSpec> =>
  fc.record({
    gap: fc.integer({ min: 1, max: 3_600_000 }),
    startDelay: fc.integer({ min: 0, max: 5_000 }),
    duration: fc.oneof(fc.integer({ min: 0, max: 2_000 }), fc.integer({ min: 0, max: 5 * 3_600_000 })),
    omitStart: weighted([false, 9], [true, 1]),
    internalFailure: weighted<boolean | undefined>([false, 4], [undefined, 4], [true, 1]),
    ranToCompletion: weighted<boolean | undefined>([true, 4], [undefined, 2], [false, 1]),
    failedOps: fc.oneof({ arbitrary: fc.constant(0), weight: 4 }, { arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary: fc.integer({ min: 1, max: 9 }), weight: 2 }),
    scheduled: weighted<boolean | undefined>([true, 3], [false, 2], [undefined, 1]),
    died: canDie ? weighted([false, 7], [true, 1]) : fc.constant(false),
  });

interface ScenarioLimits {
  readonly minPageSize: number;
  readonly maxPageSize?: number;
  /** Runs finishing between start-up and the first read, as a multiple of the page size. */
  readonly windowPages: number;
  /** At least this many window runs (to force a long window). */
  readonly minWindowRuns?: number;
  /** Whether the server gives `total` when asked (the docs say it does). */
  readonly givesTotal: fc.Arbitrary<boolean>;
  readonly order?: fc.Arbitrary<HistoryOrder>;
}

function scenario(limits: ScenarioLimits): fc.Arbitrary<Scenario> {
  return fc
    .record({ order: limits.order ?? fc.constantFrom<HistoryOrder>('newest-first', 'oldest-first'), pageSize: limits.maxPageSize === undefined ? fc.oneof({ arbitrary: fc.integer({ min: limits.minPageSize, max: 6 }), weight: 5 }, { arbitrary: fc.constant(25), weight: 1 }) : fc.integer({ min: limits.minPageSize, max: limits.maxPageSize }) })
    .chain(({ order, pageSize }) =>
      fc.record({
        order: fc.constant(order),
        pageSize: fc.constant(pageSize),
        givesTotal: limits.givesTotal,
        t0: fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2030, 0, 1) }),
        preRuns: fc.array(runSpec(false), { maxLength: 60 }),
        preRunning: fc.boolean(),
        startupGap: fc.integer({ min: 1, max: 600_000 }),
        windowRuns: fc.array(runSpec(true), {
          minLength: limits.minWindowRuns ?? 0,
          // The run going at start-up, if any, finishes in the window too.
          maxLength: Math.max(limits.minWindowRuns ?? 0, Math.floor(limits.windowPages * pageSize) - 1),
        }),
        windowLastRunning: fc.boolean(),
        polls: fc.array(
          fc.record({
            purge: fc.oneof(fc.constant(0), fc.nat(40)),
            // Caps: a later read follows at most 20 pages, so a poll adds well under that.
            newRuns: fc.array(runSpec(true), { maxLength: pageSize * 10 - 1 }),
            lastRunning: fc.boolean(),
          }),
          { maxLength: 8 },
        ),
      }),
    );
}

const outcomeOf = (r: SimRun): string => {
  if (r.spec.internalFailure === true) return 'internal_failure';
  if (r.spec.ranToCompletion === false || r.spec.died) return 'incomplete';
  if ((r.spec.failedOps ?? 0) > 0) return 'failed_ops';
  return 'succeeded';
};
const keyOf = (r: SimRun): RunKey => `${outcomeOf(r)}|${r.spec.scheduled === false ? 'manual' : 'scheduled'}` as RunKey;

/** The simulated Guidewire: every run ever created, the stored (unpurged) ones, and a clock. */
class SimHistory {
  readonly all: SimRun[] = [];
  stored: SimRun[] = [];
  now: number;
  requests: HistoryPageRequest[] = [];
  #next = 0;
  readonly #order: HistoryOrder;
  readonly #pageSize: number;
  readonly #givesTotal: boolean;

  constructor(s: Scenario) {
    this.now = s.t0;
    this.#order = s.order;
    this.#pageSize = s.pageSize;
    this.#givesTotal = s.givesTotal;
  }

  /** The newest run, when it is still going (and did not die). */
  get running(): SimRun | undefined {
    const last = this.all.at(-1);
    return last !== undefined && last.completedAt === undefined && !last.spec.died ? last : undefined;
  }

  finishRunning(): void {
    const run = this.running;
    if (run === undefined) return;
    this.now = Math.max(this.now, run.start) + run.spec.duration + 1;
    run.completedAt = this.now;
  }

  add(spec: RunSpec, finish: boolean): void {
    this.finishRunning();
    const created = this.now + spec.gap;
    const run: SimRun = { id: `run-${this.#next++}`, spec, created, start: created + spec.startDelay };
    this.now = run.start;
    if (finish && !spec.died) {
      run.completedAt = run.start + spec.duration;
      this.now = run.completedAt;
    }
    this.all.push(run);
    this.stored.push(run);
  }

  /** Purges up to `n` of the oldest stored runs that had completed by `before`. */
  purge(n: number, before: number): void {
    let k = 0;
    while (k < n && k < this.stored.length && (this.stored[k]?.completedAt ?? Infinity) <= before) k++;
    this.stored = this.stored.slice(k);
  }

  #item(run: SimRun, at: number): ProcessHistory {
    const s = run.spec;
    return {
      id: run.id,
      dateCreated: run.created,
      ...(s.omitStart ? {} : { startDate: run.start }),
      ...(run.completedAt !== undefined && run.completedAt <= at ? { dateCompleted: run.completedAt } : {}),
      opsCompleted: 10,
      ...(s.failedOps === undefined ? {} : { failedOps: s.failedOps }),
      ...(s.ranToCompletion === undefined ? {} : { ranToCompletion: s.ranToCompletion }),
      ...(s.internalFailure === undefined ? {} : { internalFailure: s.internalFailure }),
      ...(s.scheduled === undefined ? {} : { scheduled: s.scheduled }),
    };
  }

  readonly fetch = async (request: HistoryPageRequest): Promise<ProcessHistoryPage> => {
    this.requests.push(request);
    const offset = request.path === undefined ? (request.offset ?? 0) : Number(/pageOffset=(\d+)/.exec(request.path)?.[1] ?? 0);
    const includeTotal = request.path === undefined ? request.includeTotal === true : /includeTotal=true/.test(request.path);
    const ordered = this.#order === 'newest-first' ? [...this.stored].reverse() : this.stored;
    const items = ordered.slice(offset, offset + this.#pageSize).map((r) => this.#item(r, this.now));
    const more = offset + this.#pageSize < ordered.length;
    return {
      items,
      invalid: [],
      ...(includeTotal && this.#givesTotal ? { total: ordered.length } : {}),
      ...(more ? { nextPath: `/systemtools/v1/batch-processes/X/histories?pageOffset=${offset + this.#pageSize}${includeTotal ? '&includeTotal=true' : ''}` } : {}),
    };
  };
}

const bounds = [1, 5, 60, 3600];

/** When a run ended, as far as the reader can know at `at`; undefined while it is still the newest and going. */
function endedAt(sim: SimHistory, run: SimRun, at: number): number | undefined {
  if (run.completedAt !== undefined && run.completedAt <= at) return run.completedAt;
  const superseded = sim.all.some((r) => r.created > run.created && r.created <= at);
  return superseded ? (run.spec.omitStart ? run.created : run.start) : undefined;
}

/** The runs the counters must include after a read at `at`: every one that ended at or after start-up. */
function expectCounted(sim: SimHistory, state: ProcessHistoryState, startedAt: number, at: number, label: string): void {
  const counted = sim.all.filter((r) => (endedAt(sim, r, at) ?? -Infinity) >= startedAt);
  const expected = Object.fromEntries(runKeys.map((k) => [k, 0])) as Record<RunKey, number>;
  for (const r of counted) expected[keyOf(r)] += 1;
  expect(state.stats.runs, `${label}: runs_total`).toEqual(expected);

  const durations = counted
    .filter((r) => r.completedAt !== undefined && r.completedAt <= at)
    .map((r) => Math.max(0, ((r.completedAt ?? 0) - (r.spec.omitStart ? r.created : r.start)) / 1000));
  const buckets = new Array<number>(bounds.length + 1).fill(0);
  for (const d of durations) buckets[bucketIndex(bounds, d)] = (buckets[bucketIndex(bounds, d)] ?? 0) + 1;
  expect(state.stats.bucketCounts, `${label}: histogram buckets`).toEqual(buckets);
  expect(state.stats.durationCount, `${label}: histogram count`).toBe(durations.length);
  const sum = durations.reduce((a, b) => a + b, 0);
  expect(Math.abs(state.stats.durationSum - sum), `${label}: histogram sum`).toBeLessThanOrEqual(1e-9 * Math.max(1, sum));
}

/** last_success/last_failure: the newest completion per class among runs the reader must have seen. */
function expectLastTimes(sim: SimHistory, state: ProcessHistoryState, startedAt: number, guaranteed: ReadonlySet<string>, at: number): void {
  for (const [cls, actual] of [['success', state.stats.lastSuccessAt], ['failure', state.stats.lastFailureAt]] as const) {
    const inClass = sim.all.filter((r) => endedAt(sim, r, at) !== undefined && (outcomeOf(r) === 'succeeded') === (cls === 'success'));
    const ends = inClass.map((r) => endedAt(sim, r, at) ?? 0);
    const mustSee = inClass.filter((r) => guaranteed.has(r.id) || (endedAt(sim, r, at) ?? -Infinity) >= startedAt).map((r) => endedAt(sim, r, at) ?? 0);
    if (ends.length === 0) {
      expect(actual, `last ${cls}`).toBeUndefined();
      continue;
    }
    if (mustSee.length > 0) expect(actual, `last ${cls}`).toBeGreaterThanOrEqual(Math.max(...mustSee));
    if (actual !== undefined) {
      expect(ends, `last ${cls} is the end of some run of its class`).toContain(actual);
      expect(actual).toBeLessThanOrEqual(Math.max(...ends));
    }
  }
}

/** Plays a scenario: history before start-up, a first read, then polls with new runs and purges. */
async function play(s: Scenario): Promise<void> {
  const sim = new SimHistory(s);
  s.preRuns.forEach((spec, i) => sim.add(spec, !(s.preRunning && i === s.preRuns.length - 1)));
  const startedAt = sim.now + s.startupGap;
  sim.now = startedAt;
  s.windowRuns.forEach((spec, i) => sim.add(spec, !(s.windowLastRunning && i === s.windowRuns.length - 1)));
  // The run going at start-up (if any) finishes in the window too, unless it is still going at the first read.
  if (s.windowRuns.length === 0 && !s.windowLastRunning) sim.finishRunning();

  let state = initialHistoryState(bounds, startedAt);
  let lastRead = 0;
  const read = async (label: string): Promise<void> => {
    sim.now += 1;
    const at = sim.now;
    sim.requests = [];
    const result = await readProcessHistory(sim.fetch, state, { now: at, runKey: label });
    state = result.state;
    expect(result.requests).toBe(sim.requests.length);
    expectCounted(sim, state, startedAt, at, label);
    lastRead = at;
  };

  // The newest page-size runs at the first read are always read (first page, or last page backwards).
  const atBaseline = sim.now + 1;
  const newest = [...sim.stored].reverse().slice(0, s.pageSize);
  const guaranteed = new Set(newest.filter((r) => endedAt(sim, r, atBaseline) !== undefined).map((r) => r.id));
  await read('first read');

  for (const [i, poll] of s.polls.entries()) {
    sim.purge(poll.purge, lastRead);
    poll.newRuns.forEach((spec, j) => sim.add(spec, !(poll.lastRunning && j === poll.newRuns.length - 1)));
    if (poll.newRuns.length === 0 && !poll.lastRunning) sim.finishRunning();
    await read(`poll ${i + 1}`);
  }
  // Settle: everything finishes and a last, normal run supersedes any run that died.
  sim.add({ gap: 1, startDelay: 0, duration: 1, omitStart: false, internalFailure: false, ranToCompletion: true, failedOps: 0, scheduled: true, died: false }, true);
  await read('final read');
  expectLastTimes(sim, state, startedAt, guaranteed, sim.now);
}

const show = (s: Scenario): string =>
  `${s.order}, pageSize ${s.pageSize}, total ${s.givesTotal ? 'given' : 'omitted'}, ${s.preRuns.length} runs before start-up${s.preRunning ? ' (newest going)' : ''}, ` +
  `${s.windowRuns.length} between start-up and first read, polls adding [${s.polls.map((p) => `${p.newRuns.length}${p.purge > 0 ? `/purge ${p.purge}` : ''}`).join(', ')}]`;

/** Plays scenarios from `limits`; a failure names the scenario in words as well as fast-check's counterexample. */
async function check(limits: ScenarioLimits, numRuns: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(scenario(limits), async (s) => {
      try {
        await play(s);
      } catch (err) {
        throw new Error(`${show(s)}\n${String(err)}`, { cause: err });
      }
    }),
    runs(numRuns),
  );
}

describe('readProcessHistory over many polls', () => {
  it('counts every run that finished after start-up exactly once, with the right outcome, and none before', async () => {
    await check({ minPageSize: 2, windowPages: 1, givesTotal: fc.constant(true) }, 600);
  });

  it('does the same for a newest-first collection that never gives a total', async () => {
    await check({ minPageSize: 2, windowPages: 1, givesTotal: fc.constant(false), order: fc.constant<HistoryOrder>('newest-first') }, 200);
  });

  // The first read must not stop at "a success and a failure seen" while older unread runs also
  // finished after start-up (later reads stop at the first known run, so those would never count):
  // e.g. when the first history read is late because Guidewire was down at start-up.
  it('counts runs that finished between start-up and a late first read, beyond the first page', async () => {
    await check({ minPageSize: 2, windowPages: 3, minWindowRuns: 5, givesTotal: fc.constant(true) }, 300);
  });

  // Oldest-first without a total: reads walk from the oldest end; runs that ended before start-up are
  // never counted, and the next read resumes at the newest run accounted for.
  it('does the same for an oldest-first collection that never gives a total', async () => {
    await check({ minPageSize: 2, windowPages: 1, givesTotal: fc.constant(false), order: fc.constant<HistoryOrder>('oldest-first') }, 300);
  });

  // When the first page cannot show the order (page size 1, or equal dates), the reader compares with
  // the next page and never remembers a guess.
  it('does the same for an oldest-first collection served one run per page', async () => {
    await check({ minPageSize: 1, maxPageSize: 1, windowPages: 1, givesTotal: fc.constant(true), order: fc.constant<HistoryOrder>('oldest-first') }, 300);
  });
});
