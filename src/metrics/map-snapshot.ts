import { parseProgress } from '../guidewire/progress.js';
import type { HistoryStats } from '../history/stats.js';
import { runKeys } from '../history/stats.js';
import type { ProcessView, TargetSnapshot } from '../poller/snapshot.js';
import { formatValue, type MetricFamily, type Sample } from './exposition.js';
import { snapshotFamilies, type SnapshotFamilyKey } from './families.js';
import { ProcessStates, processState } from './state.js';

type Buckets = Record<SnapshotFamilyKey, Sample[]>;

const seconds = (ms: number): number => ms / 1000;

function emptyBuckets(): Buckets {
  const buckets = {} as Buckets;
  for (const key of Object.keys(snapshotFamilies) as SnapshotFamilyKey[]) buckets[key] = [];
  return buckets;
}

function addHistory(out: Buckets, labels: Readonly<Record<string, string>>, stats: HistoryStats): void {
  for (const key of runKeys) {
    const [outcome = '', trigger = ''] = key.split('|');
    out.runs.push({ name: snapshotFamilies.runs.name, labels: { ...labels, outcome, trigger }, value: stats.runs[key] });
  }
  const name = snapshotFamilies.runDuration.name;
  let cumulative = 0;
  stats.bucketCounts.forEach((count, index) => {
    cumulative += count;
    const bound = stats.bounds[index];
    out.runDuration.push({ name: `${name}_bucket`, labels: { ...labels, le: bound === undefined ? '+Inf' : formatValue(bound) }, value: cumulative });
  });
  out.runDuration.push({ name: `${name}_sum`, labels, value: stats.durationSum });
  out.runDuration.push({ name: `${name}_count`, labels, value: stats.durationCount });
  if (stats.lastSuccessAt !== undefined) out.lastSuccess.push({ name: snapshotFamilies.lastSuccess.name, labels, value: seconds(stats.lastSuccessAt) });
  if (stats.lastFailureAt !== undefined) out.lastFailure.push({ name: snapshotFamilies.lastFailure.name, labels, value: seconds(stats.lastFailureAt) });
}

function addProcess(out: Buckets, target: string, view: ProcessView, stats: HistoryStats | undefined): void {
  const { process } = view;
  const labels = { target, batch_process: process.code };
  const put = (key: SnapshotFamilyKey, value: number | undefined, extra?: Record<string, string>): void => {
    if (value === undefined) return;
    out[key].push({ name: snapshotFamilies[key].name, labels: extra === undefined ? labels : { ...labels, ...extra }, value });
  };

  put('info', 1, { name: process.name, distributed: String(process.distributed) });
  const status = process.status;
  if (status !== undefined) {
    const state = processState(status);
    for (const candidate of ProcessStates) put('state', candidate === state ? 1 : 0, { state: candidate });
    put('opsCompleted', status.opsCompleted);
    put('opsFailed', status.failedOps);
    put('opsExpected', status.opsExpected);
    const progress = parseProgress(status.progress);
    if (progress !== undefined && progress.total > 0) put('progress', progress.done / progress.total);
    if (status.startDate !== undefined) put('lastStart', seconds(status.startDate));
    if (status.dateCompleted !== undefined) put('lastCompletion', seconds(status.dateCompleted));
    if (status.dateCompleted !== undefined && status.startDate !== undefined) {
      put('lastDuration', Math.max(0, seconds(status.dateCompleted - status.startDate)));
    }
  }
  put('stalled', view.progress?.stalled === true ? 1 : 0);
  if (view.progress !== undefined) put('lastProgress', seconds(view.progress.lastChangeAt));
  if (stats !== undefined) addHistory(out, labels, stats);
  put('stallAfter', seconds(view.thresholds.stallAfterMs));
  if (view.thresholds.expectEveryMs !== undefined) put('expectedInterval', seconds(view.thresholds.expectEveryMs));
  if (view.thresholds.maxDurationMs !== undefined) put('maxDuration', seconds(view.thresholds.maxDurationMs));
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

function addTarget(out: Buckets, snapshot: TargetSnapshot): void {
  const poll = snapshot.poll;
  if (poll === undefined) return;
  const labels = { target: snapshot.target };
  out.up.push({ name: snapshotFamilies.up.name, labels, value: poll.up ? 1 : 0 });
  out.pollDuration.push({ name: snapshotFamilies.pollDuration.name, labels, value: poll.durationSeconds });
  out.pollInterval.push({ name: snapshotFamilies.pollInterval.name, labels, value: snapshot.pollIntervalSeconds });
  if (poll.lastSuccessAt !== undefined) {
    out.lastSuccessfulPoll.push({ name: snapshotFamilies.lastSuccessfulPoll.name, labels, value: seconds(poll.lastSuccessAt) });
  }
}

/**
 * Maps the snapshots of every target to the `guidewire_*` families, grouping each family's samples
 * across targets as the exposition formats require. Pure: the same snapshots give the same text.
 */
export function mapSnapshots(snapshots: readonly TargetSnapshot[]): MetricFamily[] {
  const buckets = emptyBuckets();
  for (const snapshot of snapshots) {
    addTarget(buckets, snapshot);
    for (const view of snapshot.processes) addProcess(buckets, snapshot.target, view, snapshot.history?.get(view.process.code));
  }
  return (Object.keys(snapshotFamilies) as SnapshotFamilyKey[]).map((key) => ({
    ...snapshotFamilies[key],
    samples: buckets[key],
  }));
}
