import { afterEach, describe, expect, it } from 'vitest';
import { defaults } from '../../../src/config/types.js';
import { probeTarget } from '../../../src/probe/probe-target.js';
import { targetConfig } from '../../support/harness.js';
import { startRawServer } from '../../support/raw-server.js';

let server: Awaited<ReturnType<typeof startRawServer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('probe: a poll cut short', () => {
  it('reports that the poll did not finish in time, with the poll_interval hint, and not the request that was cut', async () => {
    // Accepts every request and never answers: only the caller's give-up ends the poll.
    server = await startRawServer(() => undefined);
    const target = targetConfig({ baseUrl: `${server.url}/rest`, requestTimeoutMs: 60_000 });
    const probe = await probeTarget(target, { runDurationBuckets: defaults.runDurationBuckets, now: Date.now, signal: AbortSignal.timeout(300) });
    expect(probe.report.up).toBe(false);
    expect(probe.report.problems).toEqual([
      expect.objectContaining({ problem: 'the poll did not finish in time', hint: expect.stringContaining('poll_interval') }),
    ]);
    expect(probe.snapshot.poll?.errors.map((error) => error.reason)).toEqual(['timeout']);
  });
});
