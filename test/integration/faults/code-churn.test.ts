import { afterEach, describe, expect, it } from 'vitest';
import { completedProcess, pollerHarness, targetConfig } from '../../support/harness.js';
import { startFakeServer } from '../../support/fake-http.js';
import { seriesOf } from '../../support/scrape.js';

const list = '/rest/systemtools/v1/batch-processes';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('type codes renamed on every poll', () => {
  it('leave no per-code state behind: the settings cache stays the size of the snapshot', async () => {
    const gw = await startFakeServer();
    cleanups.push(() => gw.close());
    let generation = 0;
    const perPoll = 20;
    gw.on('GET', list, () => ({
      json: { data: Array.from({ length: perPoll }, (_, i) => ({ attributes: completedProcess(`Renamed${generation}x${i}`) })) },
    }));
    const h = await pollerHarness(targetConfig({ baseUrl: `${gw.origin}/rest`, history: false }));
    cleanups.push(() => h.close());
    for (generation = 0; generation < 30; generation++) {
      await h.poll();
      expect(h.poller.snapshot.processes).toHaveLength(perPoll);
      expect(h.poller.cachedSettings).toBeLessThanOrEqual(perPoll);
      expect(h.poller.trackedSchedules).toBeLessThanOrEqual(perPoll);
    }
    const codes = seriesOf(await h.scrape(), 'guidewire_batch_process_info').map((s) => s.labels['batch_process']);
    expect(codes).toHaveLength(perPoll);
    expect(codes.every((code) => code?.startsWith('Renamed29x') === true)).toBe(true);
  });
});
