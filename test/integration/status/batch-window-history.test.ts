/**
 * The batch window against the history it is drawn from: a real exporter polls the simulator, whose
 * processes have a known run history, and each bar of `/batch-window` (its run id, begin, end and outcome,
 * read from the SVG's data attributes) must match a history item, every item in the window must have
 * its bar, and runs older than the window none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/logger.js';
import { createStaticModel, startSimulator, type RawProcessHistory, type RunningSimulator, type StaticModel } from '../../../src/simulator/index.js';
import { finishedRun, record, runningStatus } from '../../e2e/scenario.js';
import { exporterConfig, startExporter, targetConfig, type StartedExporter } from '../../support/harness.js';
import { eventually, get } from '../../support/scrape.js';

const hour = 3_600_000;
let model: StaticModel;
let sim: RunningSimulator;
let exporter: StartedExporter;
const now = Date.now();

/** A finished run `hoursAgo` hours back, `minutes` long, changed by `change`. */
const runAt = (code: string, hoursAgo: number, minutes: number, change: Partial<RawProcessHistory> = {}): RawProcessHistory => ({
  ...finishedRun(code, now - hoursAgo * hour, minutes * 60),
  ...change,
});

const histories: Record<string, RawProcessHistory[]> = {
  Nightly: [
    runAt('Nightly', 30, 40), // before the window: no bar
    runAt('Nightly', 20, 40),
    runAt('Nightly', 10, 45, { failedOps: 7 }),
    runAt('Nightly', 2, 3, { internalFailure: true, scheduled: false }),
  ],
  Stopped: [runAt('Stopped', 6, 10, { ranToCompletion: false })],
};

beforeAll(async () => {
  model = createStaticModel();
  for (const [code, runs] of Object.entries(histories)) record(model, code, false, runs);
  // The running run as the history lists it: no completion yet.
  const { dateCompleted: _unfinished, ...started } = runAt('Busy', 0, 0);
  const running: RawProcessHistory = { ...started, id: 'e2e:Busy:running', startDate: new Date(now - 3 * 60_000).toISOString(), dateCreated: new Date(now - 3 * 60_000 - 5).toISOString() };
  record(model, 'Busy', false, [runAt('Busy', 5, 12), running], runningStatus('Busy', now - 3 * 60_000, 40));
  sim = await startSimulator({ model });
  const target = targetConfig({ name: 'cc', baseUrl: sim.baseUrl, pollIntervalMs: 500, historyIntervalMs: 500 });
  exporter = await startExporter({ config: exporterConfig(target), logger: silentLogger() });
}, 30_000);

afterAll(async () => {
  await exporter?.stop();
  await sim?.close();
});

interface Bar {
  readonly code: string;
  readonly run: string | undefined;
  readonly begin: number;
  readonly end: number;
  readonly outcome: string;
}

/** Every bar of the page, with the row it is in. */
function barsOf(html: string): Bar[] {
  const bars: Bar[] = [];
  for (const row of html.matchAll(/<div class="bw-row[^"]*" id="[^"]*" data-code="([^"]+)">([\s\S]*?)<\/svg>/g)) {
    for (const rect of (row[2] ?? '').matchAll(/<rect class="bw-run [^"]*"[^>]*>/g)) {
      const attr = (name: string): string | undefined => new RegExp(`${name}="([^"]*)"`).exec(rect[0])?.[1];
      bars.push({ code: row[1] ?? '', run: attr('data-run'), begin: Date.parse(attr('data-begin') ?? ''), end: Date.parse(attr('data-end') ?? ''), outcome: attr('data-outcome') ?? '' });
    }
  }
  return bars.sort((a, b) => a.code.localeCompare(b.code) || a.begin - b.begin);
}

/** The outcome Guidewire's fields mean (docs/metrics.md, guidewire_batch_process_runs_total). */
function outcomeOf(run: RawProcessHistory): string {
  if (run.dateCompleted === undefined) return 'running';
  if (run.internalFailure === true) return 'internal_failure';
  if (run.ranToCompletion === false) return 'incomplete';
  return (run.failedOps ?? 0) > 0 ? 'failed_ops' : 'succeeded';
}

describe('the batch window matches the run history', () => {
  it('draws one bar per history run in the last 24 hours, at its times, with its outcome', async () => {
    // Wait for the history reads (the Nightly row has its three runs of the day).
    const html = await eventually(async () => {
      const page = await get(`${exporter.url}/batch-window`);
      return barsOf(page.text).filter((bar) => bar.code === 'Nightly').length === 3 ? page.text : undefined;
    }, 20_000);
    const window = now - 24 * hour;
    const expected = Object.entries(histories)
      .flatMap(([code, runs]) => runs.map((run) => ({ code, run })))
      .filter(({ run }) => Date.parse(run.dateCompleted ?? '') >= window)
      .map(({ code, run }) => ({ code, run: run.id, begin: Date.parse(run.startDate ?? ''), end: Date.parse(run.dateCompleted ?? ''), outcome: outcomeOf(run) }));
    const drawn = barsOf(html);
    expect(drawn.filter((bar) => bar.code !== 'Busy')).toEqual(expected.sort((a, b) => a.code.localeCompare(b.code) || a.begin - b.begin));
    // The running run is drawn from its start to now, once (the history and the status agree on it).
    const busy = drawn.filter((bar) => bar.code === 'Busy');
    expect(busy.map((bar) => bar.outcome)).toEqual(['succeeded', 'running']);
    expect(busy[1]?.begin).toBe(now - 3 * 60_000);
    expect(busy[1]?.end).toBeGreaterThan(now);
    // Each bar's text names its run and outcome.
    expect(html).toMatch(/<title>run e2e:Nightly:\d+ \(manual\): internal failure, /);
  }, 30_000);
});
