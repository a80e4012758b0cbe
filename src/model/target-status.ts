import type { TargetSnapshot } from './snapshot.js';

/** How many Guidewire API requests (token requests excluded) a target's latest scheduled poll made. */
export interface PollRequests {
  /** The status poll: list pages and single-type reads. */
  readonly status: number;
  /** The run-history reads that followed it. */
  readonly history: number;
}

/**
 * One target as the exporter knows it: its snapshot and the runtime facts the snapshot does not carry.
 * The target runtime provides it; the status page and `/api/v1/status` read it.
 */
export interface TargetStatusInput {
  readonly snapshot: TargetSnapshot;
  /** API requests of the latest poll (status, then history reads). */
  readonly requests?: PollRequests;
  /** When the next poll is due; absent while one runs. */
  readonly nextPollAt?: number;
}
