/**
 * `probe --output=metrics`: the Prometheus text exposition of one poll, for cron jobs and node_exporter's
 * textfile collector. Pure.
 */
import { serialize } from '../metrics/exposition.js';
import { snapshotFamilies, type SnapshotFamilyKey } from '../metrics/families.js';
import { mapSnapshots } from '../metrics/map-snapshot.js';
import type { TargetSnapshot } from '../model/snapshot.js';

/**
 * Families whose value needs a long-running exporter: stalls are judged across polls, run counters and
 * the duration histogram count from the exporter's start, and the poll interval describes its schedule.
 * A one-shot probe leaves them out rather than print values that would mislead.
 */
const longRunningFamilies: readonly SnapshotFamilyKey[] = [
  'stalled',
  'lastProgress',
  'stallAfter',
  'runs',
  'runDuration',
  'lastSuccess',
  'lastFailure',
  'pollInterval',
];

const dropped: ReadonlySet<string> = new Set(longRunningFamilies.map((key) => snapshotFamilies[key].name));

/** The `guidewire_*` families of these snapshots that one poll can vouch for, as Prometheus text. */
export function probeExposition(snapshots: readonly TargetSnapshot[]): string {
  return serialize(
    mapSnapshots(snapshots).filter((family) => !dropped.has(family.name)),
    'text',
  );
}
