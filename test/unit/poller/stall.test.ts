import { describe, expect, it } from 'vitest';
import type { ProcessStatus } from '../../../src/guidewire/types.js';
import { trackProgress } from '../../../src/poller/stall.js';

const minute = 60_000;
const running = (ops: number, progress = `${ops} out of 10`): ProcessStatus => ({
  dateCreated: 1_000,
  startDate: 2_000,
  opsCompleted: ops,
  opsExpected: 10,
  failedOps: 0,
  progress,
});

describe('trackProgress', () => {
  it('is absent for processes that are not running', () => {
    expect(trackProgress(undefined, { failureReason: 'This batch process type has never run' }, 0, minute)).toBeUndefined();
    expect(trackProgress(undefined, { startDate: 1, dateCompleted: 2, opsCompleted: 1, failedOps: 0 }, 0, minute)).toBeUndefined();
  });

  it('flags a run that does not move for stall_after, and clears when it moves', () => {
    let track = trackProgress(undefined, running(3), 0, 30 * minute);
    expect(track).toMatchObject({ lastChangeAt: 0, stalled: false });
    track = trackProgress(track, running(3), 29 * minute, 30 * minute);
    expect(track?.stalled).toBe(false);
    track = trackProgress(track, running(3), 30 * minute, 30 * minute);
    expect(track).toMatchObject({ lastChangeAt: 0, stalled: true });
    track = trackProgress(track, running(4), 31 * minute, 30 * minute);
    expect(track).toMatchObject({ lastChangeAt: 31 * minute, stalled: false });
  });

  it('counts a change of failedOps or progress text as movement', () => {
    const first = trackProgress(undefined, running(3), 0, minute);
    expect(trackProgress(first, { ...running(3), failedOps: 1 }, 5 * minute, minute)?.stalled).toBe(false);
    expect(trackProgress(first, running(3, '4 out of 10'), 5 * minute, minute)?.stalled).toBe(false);
  });

  it('restarts the clock for a new run even with the same counts', () => {
    const first = trackProgress(undefined, running(0), 0, minute);
    const next = trackProgress(first, { ...running(0), startDate: 9_000, dateCreated: 8_000 }, 5 * minute, minute);
    expect(next).toMatchObject({ lastChangeAt: 5 * minute, stalled: false });
  });
});
