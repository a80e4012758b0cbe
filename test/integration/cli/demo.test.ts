import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { startCli, terminate } from '../../support/cli.js';
import { eventually, get, parseExposition, seriesOf } from '../../support/scrape.js';

let child: ChildProcess | undefined;
afterEach(async () => {
  if (child !== undefined) expect(await terminate(child)).toBe(0);
  child = undefined;
});

describe('--demo', () => {
  it('serves, within 15 s, >= 15 processes covering all four states', async () => {
    const started = Date.now();
    const cli = await startCli(['--demo', '--web.listen-address=127.0.0.1:0'], 'exporter listening');
    child = cli.child;
    const url = `http://${String(cli.line['address'])}`;
    const states = await eventually(async () => {
      const scrape = parseExposition((await get(`${url}/metrics`)).text);
      const on = seriesOf(scrape, 'guidewire_batch_process_state').filter((s) => s.value === 1);
      const seen = new Set(on.map((s) => s.labels['state']));
      return on.length >= 15 && seen.size === 4 ? seen : undefined;
    }, 15_000);
    expect([...states].sort()).toEqual(['completed', 'failed', 'never_run', 'running']);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(cli.output()).not.toContain('demo-secret-not-for-production');
  });
});
