import { parseProgress } from '../guidewire/progress.js';
import { defaults } from '../config/types.js';
import { computeBaseline, consecutiveFailures } from '../history/baseline.js';
import type { HistoryStats } from '../history/stats.js';
import { runKeys } from '../history/stats.js';
import type { ProcessThresholds, ProcessView, TargetSnapshot } from '../model/snapshot.js';
import type { ScheduleView } from '../schedule/types.js';
import { formatValue, type MetricFamily, type Sample } from './exposition.js';
import { snapshotFamilies, type SnapshotFamilyKey } from './families.js';
import { lastDurationMs, ProcessStates, processState } from '../model/process-state.js';

type Labels = Readonly<Record<string, string>>;

/**
 * Where the mapper's samples go: sample objects for `mapSnapshots`, or exposition lines written
 * straight away for the render cache (no intermediate objects for hundreds of thousands of series).
 * `base` is the same object for every sample of one process, so writers may cache its rendering.
 */
export interface SampleWriter {
  add(key: SnapshotFamilyKey, name: string, base: Labels, extra: Labels | undefined, value: number): void;
}

const seconds = (ms: number): number => ms / 1000;

/** Collects sample objects per family. */
class FamilyWriter implements SampleWriter {
  readonly buckets = {} as Record<SnapshotFamilyKey, Sample[]>;
  constructor() {
    for (const key of Object.keys(snapshotFamilies) as SnapshotFamilyKey[]) this.buckets[key] = [];
  }
  add(key: SnapshotFamilyKey, name: string, base: Labels, extra: Labels | undefined, value: number): void {
    this.buckets[key].push({ name, labels: extra === undefined ? base : { ...base, ...extra }, value });
  }
}

const runLabels: ReadonlyMap<string, Labels> = new Map(
  runKeys.map((key) => {
    const [outcome = '', trigger = ''] = key.split('|');
    return [key, { outcome, trigger }];
  }),
);

function addHistory(out: SampleWriter, labels: Labels, stats: HistoryStats): void {
  for (const key of runKeys) out.add('runs', snapshotFamilies.runs.name, labels, runLabels.get(key), stats.runs[key]);
  const name = snapshotFamilies.runDuration.name;
  let cumulative = 0;
  stats.bucketCounts.forEach((count, index) => {
    cumulative += count;
    const bound = stats.bounds[index];
    out.add('runDuration', `${name}_bucket`, labels, { le: bound === undefined ? '+Inf' : formatValue(bound) }, cumulative);
  });
  out.add('runDuration', `${name}_sum`, labels, undefined, stats.durationSum);
  out.add('runDuration', `${name}_count`, labels, undefined, stats.durationCount);
  if (stats.lastSuccessAt !== undefined) out.add('lastSuccess', snapshotFamilies.lastSuccess.name, labels, undefined, seconds(stats.lastSuccessAt));
  if (stats.lastFailureAt !== undefined) out.add('lastFailure', snapshotFamilies.lastFailure.name, labels, undefined, seconds(stats.lastFailureAt));
}

const quantileLabels = { p50: { quantile: '0.5' }, p90: { quantile: '0.9' } } as const;

/**
 * The baseline and failure families: the factor for every process that has baselines on, the baseline
 * once enough completed runs were read, consecutive failures once the history was read, the threshold
 * for every process.
 */
function writeJudgement(put: Put, thresholds: ProcessThresholds, recent: HistoryStats['recent']): void {
  const settings = thresholds.baseline;
  if (settings !== undefined) {
    put('baselineFactor', thresholds.durationFactor ?? defaults.durationFactor);
    const baseline = recent === undefined ? undefined : computeBaseline(recent, settings);
    if (baseline !== undefined) {
      put('baselineDuration', seconds(baseline.durationP50Ms), quantileLabels.p50);
      put('baselineDuration', seconds(baseline.durationP90Ms), quantileLabels.p90);
      put('baselineOps', baseline.opsMedian);
      put('baselineRuns', baseline.runs);
    }
  }
  if (recent !== undefined) put('consecutiveFailures', consecutiveFailures(recent));
  put('failureThreshold', thresholds.failureThreshold ?? defaults.failureThreshold);
}

/** `labels` with its keys in code-point order. */
const sortedLabels = (labels: Labels): Labels => Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

const stateLabels: ReadonlyMap<string, Labels> = new Map(ProcessStates.map((state) => [state, { state }]));

/** Writes every sample of one process of `target`. Pure apart from `out`. */
export function writeProcess(out: SampleWriter, target: string, view: ProcessView, stats: HistoryStats | undefined): void {
  const { process } = view;
  const labels = { target, batch_process: process.code };
  const put = (key: SnapshotFamilyKey, value: number | undefined, extra?: Labels): void => {
    if (value !== undefined) out.add(key, snapshotFamilies[key].name, labels, extra, value);
  };

  const owners = view.thresholds.labels;
  // Ownership labels after the fixed ones, sorted, so that the line reads the same whatever the YAML order.
  put('info', 1, { name: process.name, distributed: String(process.distributed), ...(owners === undefined ? {} : sortedLabels(owners)) });
  const status = process.status;
  if (status !== undefined) {
    const state = processState(status);
    for (const candidate of ProcessStates) put('state', candidate === state ? 1 : 0, stateLabels.get(candidate));
    put('opsCompleted', status.opsCompleted);
    put('opsFailed', status.failedOps);
    put('opsExpected', status.opsExpected);
    const progress = parseProgress(status.progress);
    if (progress !== undefined && progress.total > 0) put('progress', progress.done / progress.total);
    if (status.startDate !== undefined) put('lastStart', seconds(status.startDate));
    if (status.dateCompleted !== undefined) put('lastCompletion', seconds(status.dateCompleted));
    const durationMs = lastDurationMs(status);
    if (durationMs !== undefined) put('lastDuration', seconds(durationMs));
  }
  put('stalled', view.progress?.stalled === true ? 1 : 0);
  if (view.progress !== undefined) put('lastProgress', seconds(view.progress.lastChangeAt));
  if (stats !== undefined) addHistory(out, labels, stats);
  writeJudgement(put, view.thresholds, stats?.recent);
  put('stallAfter', seconds(view.thresholds.stallAfterMs));
  if (view.thresholds.expectEveryMs !== undefined) put('expectedInterval', seconds(view.thresholds.expectEveryMs));
  if (view.thresholds.maxDurationMs !== undefined) put('maxDuration', seconds(view.thresholds.maxDurationMs));
  if (status?.startDate !== undefined && status.dateCreated !== undefined) put('startDelay', seconds(Math.max(0, status.startDate - status.dateCreated)));
  if (view.schedule !== undefined) writeSchedule(put, view.schedule);
  const queue = process.workQueue;
  put('activeExecutors', queue?.activeExecutors);
  put('activeWorkItems', queue?.activeWorkItems);
  put('executors', queue?.executors);
  put('runningExecutors', queue?.runningExecutors);
  put('itemsProcessed', queue?.itemsProcessed);
  put('itemsFailed', queue?.itemsFailed);
  put('itemsSkipped', queue?.itemsSkipped);
  put('itemsCheckedOut', queue?.itemsCheckedOut);
}

type Put = (key: SnapshotFamilyKey, value: number | undefined, extra?: Labels) => void;

/** A process's schedule families; the deadline ones only with `complete_by`. */
function writeSchedule(put: Put, schedule: ScheduleView): void {
  put('scheduleInfo', 1, { schedule: schedule.label, timezone: schedule.timezone, source: schedule.source });
  if (schedule.nextAt !== undefined) put('nextRun', seconds(schedule.nextAt));
  if (schedule.previousAt !== undefined) put('previousRun', seconds(schedule.previousAt));
  put('scheduleGrace', seconds(schedule.graceMs));
  put('late', schedule.late ? 1 : 0);
  put('missedRuns', schedule.missedTotal);
  put('skippedRuns', schedule.skippedTotal);
  const deadline = schedule.deadline;
  if (deadline === undefined) return;
  put('deadline', seconds(deadline.at));
  put('deadlineMissed', deadline.missed ? 1 : 0);
  if (deadline.forecastAt !== undefined) put('completionForecast', seconds(deadline.forecastAt));
}

/**
 * Writes the target-level samples of a snapshot: the server time once `/system-time` answered, the
 * consistency-check run once one was read, the rest from the first poll on. Pure apart from `out`.
 */
export function writeTarget(out: SampleWriter, snapshot: TargetSnapshot): void {
  const labels = { target: snapshot.target };
  const serverTime = snapshot.serverTime;
  if (serverTime !== undefined) {
    out.add('serverTimeOffset', snapshotFamilies.serverTimeOffset.name, labels, undefined, seconds(serverTime.offsetMs));
    if (serverTime.zoneId !== undefined) out.add('serverTimeZone', snapshotFamilies.serverTimeZone.name, labels, { zone: serverTime.zoneId }, 1);
  }
  const dbcc = snapshot.dbcc;
  if (dbcc !== undefined) {
    if (dbcc.errors !== undefined) out.add('dbccErrors', snapshotFamilies.dbccErrors.name, labels, undefined, dbcc.errors);
    if (dbcc.totalChecks !== undefined) out.add('dbccChecks', snapshotFamilies.dbccChecks.name, labels, undefined, dbcc.totalChecks);
    out.add('dbccEnd', snapshotFamilies.dbccEnd.name, labels, undefined, seconds(dbcc.endTime));
    if (dbcc.durationSeconds !== undefined) out.add('dbccDuration', snapshotFamilies.dbccDuration.name, labels, undefined, dbcc.durationSeconds);
  }
  if (snapshot.apiSchema !== undefined) out.add('apiSchema', snapshotFamilies.apiSchema.name, labels, { source: snapshot.apiSchema }, 1);
  const poll = snapshot.poll;
  if (poll === undefined) return;
  out.add('maintenanceActive', snapshotFamilies.maintenanceActive.name, labels, undefined, snapshot.maintenance?.active === true ? 1 : 0);
  out.add('up', snapshotFamilies.up.name, labels, undefined, poll.up ? 1 : 0);
  out.add('pollDuration', snapshotFamilies.pollDuration.name, labels, undefined, poll.durationSeconds);
  out.add('pollInterval', snapshotFamilies.pollInterval.name, labels, undefined, snapshot.pollIntervalSeconds);
  if (poll.lastSuccessAt !== undefined) out.add('lastSuccessfulPoll', snapshotFamilies.lastSuccessfulPoll.name, labels, undefined, seconds(poll.lastSuccessAt));
}

/** Writes every sample of one target snapshot to `out`, process by process. Pure apart from `out`. */
function writeSnapshot(snapshot: TargetSnapshot, out: SampleWriter): void {
  writeTarget(out, snapshot);
  for (const view of snapshot.processes) writeProcess(out, snapshot.target, view, snapshot.history?.get(view.process.code));
}

/**
 * Maps the snapshots of every target to the `guidewire_*` families, grouping each family's samples
 * across targets as the exposition formats require. Pure: the same snapshots give the same text.
 */
export function mapSnapshots(snapshots: readonly TargetSnapshot[]): MetricFamily[] {
  const writer = new FamilyWriter();
  for (const snapshot of snapshots) writeSnapshot(snapshot, writer);
  return (Object.keys(snapshotFamilies) as SnapshotFamilyKey[]).map((key) => ({
    ...snapshotFamilies[key],
    samples: writer.buckets[key],
  }));
}
