import { describe, expect, it } from 'vitest';
import { runScheduleBench } from '../../../bench/schedules.js';

// `npm run bench:schedules` at a tiny size: every figure is measured (finite, the estate judged), never how fast.
describe('bench: schedules', () => {
  for (const estate of ['shared', 'distinct'] as const) {
    it(`measures a first poll, steady polls, the heap and the event-loop block (${estate})`, async () => {
      const r = await runScheduleBench(estate, 120, 2);
      expect(r).toMatchObject({ estate, processes: 120 });
      for (const figure of [r.firstPollMs, r.steadyPollMs, r.heapMiB, r.maxBlockMs]) expect(Number.isFinite(figure)).toBe(true);
      expect(r.firstPollMs).toBeGreaterThan(0);
      expect(r.judged).toBe(120);
    });
  }
});
