/**
 * `maintenance:` windows: whether one is open at a time, and the view for a target now. Pure.
 * CONTRACT STUB: implemented by the schedule-engine work (issue 14).
 */
import type { MaintenanceWindow } from '../config/types.js';
import type { MaintenanceTest, MaintenanceView } from './types.js';

/** A test of whether a time (ms) falls in any of the windows; compiles recurring windows once. */
export function maintenanceTest(windows: readonly MaintenanceWindow[]): MaintenanceTest {
  void windows;
  throw new Error('not implemented');
}

/** Whether a window is open at `now`, which, and until when (or when the next opens). */
export function maintenanceView(windows: readonly MaintenanceWindow[], now: number): MaintenanceView {
  void windows;
  void now;
  throw new Error('not implemented');
}
