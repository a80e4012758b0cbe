import { describe, expect, it } from 'vitest';
import { parseWorkQueueStatus } from '../../../src/guidewire/parse-work-queue.js';

describe('parseWorkQueueStatus', () => {
  it.each([
    [{ numActiveExecutors: 3, numActiveWorkItems: 10 }, { activeExecutors: 3, activeWorkItems: 10 }],
    [{ activeExecutors: 1, activeWorkItems: 0 }, { activeExecutors: 1, activeWorkItems: 0 }],
    [{ numActiveExecutors: 2, executors: [{ tasks: [] }] }, { activeExecutors: 2, executors: 1 }],
    [{ numActiveExecutors: '2', activeWorkItems: Number.NaN }, {}],
    [{ numActiveExecutors: -1 }, {}],
    [[1, 2], {}],
    ['busy', {}],
    [null, {}],
    [42, {}],
  ])('maps %j to %j', (value, expected) => {
    expect(parseWorkQueueStatus(value)).toEqual(expected);
  });

  it('sums task counters over executors, in the SOAP-era shape (tasks as one object)', () => {
    const value = {
      numActiveExecutors: 2,
      numActiveWorkItems: 7,
      executors: [
        { serverId: 'a', running: true, tasks: { checkedOut: 2, processed: 100, failed: 1, skipped: 0 } },
        { serverId: 'b', running: false, tasks: { checkedOut: 0, processed: 40, failed: 2, skipped: 3 } },
      ],
    };
    expect(parseWorkQueueStatus(value)).toEqual({
      activeExecutors: 2,
      activeWorkItems: 7,
      executors: 2,
      runningExecutors: 1,
      itemsProcessed: 140,
      itemsFailed: 3,
      itemsSkipped: 3,
      itemsCheckedOut: 2,
    });
  });

  it('accepts tasks as a list and counters under num* names, and leaves unreported counters absent', () => {
    const value = { executors: [{ tasks: [{ numProcessed: 5 }, { numProcessed: 6, numFailed: 1 }] }, 'garbage', { tasks: 'x' }] };
    expect(parseWorkQueueStatus(value)).toEqual({ executors: 2, itemsProcessed: 11, itemsFailed: 1 });
  });
});
