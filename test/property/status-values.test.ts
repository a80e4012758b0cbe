import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidResponseError } from '../../src/errors.js';
import { parseBatchProcessPage, parseBatchProcessResource } from '../../src/guidewire/parse.js';
import { serialize } from '../../src/metrics/exposition.js';
import { mapSnapshots } from '../../src/metrics/map-snapshot.js';
import type { ProcessView, TargetSnapshot } from '../../src/model/snapshot.js';
import { parseExposition, seriesOf, valueOf, type Scrape } from '../support/scrape.js';
import { listItemJson, listPageJson, processModel, resourceJson, type ProcessModel, type StatusModel, type WorkQueueModel } from './support/guidewire.js';
import { runs } from './support/runs.js';

const endpoint = '/rest/systemtools/v1/batch-processes/x';
const thresholds = { stallAfterMs: 1_800_000 };

/** The documented state of a status (docs/metrics.md, guidewire_batch_process_state). */
function documentedState(s: StatusModel): string {
  if (s.dateCompleted !== undefined) return s.failureReason === undefined ? 'completed' : 'failed';
  return s.startDate !== undefined || s.dateCreated !== undefined ? 'running' : 'never_run';
}

/** N/M for `"N out of M"` with safe integers and M > 0; absent otherwise. */
function documentedRatio(s: StatusModel): number | undefined {
  const p = s.progress;
  if (p?.done === undefined || p.total === undefined || p.total === 0) return undefined;
  return p.done / p.total;
}

/** What the work-queue gauges should be, from the model the JSON was built from. */
function documentedQueue(w: WorkQueueModel | undefined): Record<string, number | undefined> {
  const executors = w?.executors;
  const sum = (field: 'processed' | 'failed' | 'skipped' | 'checkedOut'): number | undefined => {
    const values = (executors ?? []).flatMap((e) => e.tasks.flatMap((t) => (t[field] === undefined ? [] : [t[field]])));
    return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0);
  };
  return {
    guidewire_batch_work_queue_active_executors: w?.activeExecutors,
    guidewire_batch_work_queue_active_work_items: w?.activeWorkItems,
    guidewire_batch_work_queue_executors: executors?.length,
    guidewire_batch_work_queue_running_executors:
      executors === undefined || !executors.some((e) => e.running !== undefined) ? undefined : executors.filter((e) => e.running === true).length,
    guidewire_batch_work_queue_items_processed: sum('processed'),
    guidewire_batch_work_queue_items_failed: sum('failed'),
    guidewire_batch_work_queue_items_skipped: sum('skipped'),
    guidewire_batch_work_queue_items_checked_out: sum('checkedOut'),
  };
}

/** Checks every value exposed for one process against the model it was generated from. */
function expectProcess(scrape: Scrape, target: string, p: ProcessModel): void {
  const labels = { target, batch_process: p.code };
  const value = (name: string): number | undefined => valueOf(scrape, name, labels);
  const info = seriesOf(scrape, 'guidewire_batch_process_info', labels);
  expect(info).toHaveLength(1);
  expect(info[0]?.value).toBe(1);
  expect(info[0]?.labels).toEqual({ ...labels, name: p.name === undefined || p.name === '' ? p.code : p.name, distributed: String(p.distributed ?? false) });
  expect(value('guidewire_batch_process_stalled')).toBe(0);
  expect(value('guidewire_batch_process_stall_after_seconds')).toBe(1800);

  const s = p.status;
  const states = seriesOf(scrape, 'guidewire_batch_process_state', labels);
  if (s === undefined) {
    expect(states).toEqual([]);
  } else {
    expect(states.map((x) => x.labels['state']).sort()).toEqual(['completed', 'failed', 'never_run', 'running']);
    expect(states.filter((x) => x.value === 1).map((x) => x.labels['state'])).toEqual([documentedState(s)]);
    expect(states.every((x) => x.value === 0 || x.value === 1)).toBe(true);
  }
  expect(value('guidewire_batch_process_ops_completed')).toBe(s?.opsCompleted);
  expect(value('guidewire_batch_process_ops_failed')).toBe(s?.failedOps);
  expect(value('guidewire_batch_process_ops_expected')).toBe(s?.opsExpected);
  expect(value('guidewire_batch_process_last_start_timestamp_seconds')).toBe(s?.startDate === undefined ? undefined : s.startDate.ms / 1000);
  expect(value('guidewire_batch_process_last_completion_timestamp_seconds')).toBe(
    s?.dateCompleted === undefined ? undefined : s.dateCompleted.ms / 1000,
  );
  const duration = s?.startDate !== undefined && s.dateCompleted !== undefined ? Math.max(0, (s.dateCompleted.ms - s.startDate.ms) / 1000) : undefined;
  expect(value('guidewire_batch_process_last_duration_seconds')).toBe(duration);
  const ratio = s === undefined ? undefined : documentedRatio(s);
  if (ratio === undefined) expect(value('guidewire_batch_process_progress_ratio')).toBeUndefined();
  else expect(value('guidewire_batch_process_progress_ratio')).toBe(ratio);
  for (const [name, expected] of Object.entries(documentedQueue(p.workQueue))) expect(value(name), name).toBe(expected);
}

const snapshot = (target: string, processes: readonly ProcessView[]): TargetSnapshot => ({
  target,
  pollIntervalSeconds: 60,
  processes,
  poll: { up: true, startedAt: 1_663_610_700_000, durationSeconds: 0.25, lastSuccessAt: 1_663_610_700_250, errors: [] },
});

const view = (process: ProcessView['process']): ProcessView => ({ process, observedAt: 1_663_610_700_000, thresholds });

/** Targets with distinct names, each with processes with distinct codes (as the poller guarantees). */
const targets = fc.uniqueArray(
  fc.record({
    target: fc.oneof(fc.constantFrom('pc-prod', 'cc-onprem'), fc.string({ minLength: 1, maxLength: 12 })),
    processes: fc.uniqueArray(processModel(), { selector: (p) => p.code, maxLength: 5 }),
  }),
  { selector: (t) => t.target, minLength: 1, maxLength: 3 },
);

describe('values exposed for valid statuses', () => {
  it('equal what Guidewire reported, or are absent (single-type GET → map → text → strict parser)', () => {
    fc.assert(
      fc.property(targets, (ts) => {
        const snapshots = ts.map(({ target, processes }) => snapshot(target, processes.map((p) => view(parseBatchProcessResource(resourceJson(p), endpoint)))));
        const scrape = parseExposition(serialize(mapSnapshots(snapshots), 'text'));
        for (const { target, processes } of ts) {
          expect(valueOf(scrape, 'guidewire_up', { target })).toBe(1);
          for (const p of processes) expectProcess(scrape, target, p);
        }
      }),
      runs(400),
    );
  });

  it('are the same whether the process came from the list endpoint or the single-type GET', () => {
    fc.assert(
      fc.property(fc.uniqueArray(processModel(), { selector: (p) => p.code, maxLength: 6 }), (processes) => {
        const page = parseBatchProcessPage(listPageJson(processes.map(listItemJson)), endpoint);
        expect(page.invalid).toEqual([]);
        expect(page.items).toEqual(processes.map((p) => parseBatchProcessResource(resourceJson(p), endpoint)));
        const scrape = parseExposition(serialize(mapSnapshots([snapshot('t', page.items.map(view))]), 'text'));
        for (const p of processes) expectProcess(scrape, 't', p);
      }),
      runs(200),
    );
  });

  // docs/metrics.md: progress_ratio is N/M as Guidewire reports it, normally 0 to 1 and above 1 when more
  // was done than expected (not clamped: the overrun is information).
  it('progress_ratio is N/M as reported, also for "N out of M" with N > M', () => {
    fc.assert(
      fc.property(fc.nat(1_000), fc.integer({ min: 1, max: 1_000 }), (done, total) => {
        const status = { dateCreated: '2022-09-19T17:30:00.003Z', startDate: '2022-09-19T17:30:00.011Z', progress: `${done} out of ${total}` };
        const json = { data: { attributes: { type: { code: 'ActivityEsc', name: 'Activity Escalation' }, distributed: false, status } } };
        const scrape = parseExposition(serialize(mapSnapshots([snapshot('t', [view(parseBatchProcessResource(json, endpoint))])]), 'text'));
        expect(valueOf(scrape, 'guidewire_batch_process_progress_ratio')).toBe(done / total);
      }),
      runs(200),
    );
  });

  // V8's Date.parse rolls day overflow into the next month ("2022-02-30" becomes 2022-03-02); the parser
  // checks the day against the month first, so such a date is rejected like "2022-13-01" is.
  it('a calendar-invalid date such as 2022-02-30 is rejected, not shifted into the next month', () => {
    const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();
    fc.assert(
      fc.property(
        fc.integer({ min: 1990, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.nat(3),
        (year, month, past) => {
          const day = Math.min(31, daysIn(year, month) + 1 + past);
          fc.pre(day > daysIn(year, month));
          const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T00:00:00.000Z`;
          const json = { data: { attributes: { type: { code: 'ActivityEsc' }, status: { dateCreated: text, startDate: text } } } };
          expect(() => parseBatchProcessResource(json, endpoint)).toThrow(InvalidResponseError);
        },
      ),
      runs(100),
    );
  });
});
