import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../src/history/run-record.js';
import { buildBatchWindow, maxBarsPerRow, maxDrawnBars, maxDrawnRows, runBars } from '../../../src/status/batch-window.js';
import { renderBatchWindowPage } from '../../../src/status/html/batch-window-page.js';
import { parseStatusQuery } from '../../../src/status/query.js';
import { batchWindowRange, xOf } from '../../../src/status/timeline.js';
import { scenarioInput, scenarioNow } from '../../support/batch-window-scenario.js';
import { completed, input, minute, now, running, schedule, snapshot, stats, view } from './fixtures.js';

const hour = 60 * minute;
const query = (text = '') => parseStatusQuery(new URLSearchParams(text));
const window = batchWindowRange(now);
const record = (id: string, startedAt: number, endedAt: number | undefined, outcome?: RunRecord['outcome']): RunRecord => ({
  id, createdAt: startedAt - 1_000, startedAt, trigger: 'scheduled', ...(endedAt === undefined ? {} : { endedAt }), ...(outcome === undefined ? {} : { outcome }),
});

describe('runBars', () => {
  it('draws each history run in the window from its start to its completion, oldest first, with its outcome', () => {
    const recent = [record('3', now - 56 * minute, now - 55 * minute, 'failed_ops'), record('2', now - 5 * hour, now - 4 * hour, 'succeeded'), record('1', now - 30 * hour, now - 29 * hour, 'succeeded')];
    const { bars, dropped } = runBars(view('P', completed(55, 2)), { ...stats(), recent }, window, now);
    expect(dropped).toBe(0);
    expect(bars.map((bar) => [bar.id, bar.kind, bar.begin, bar.end, bar.x])).toEqual([
      ['2', 'succeeded', now - 5 * hour, now - 4 * hour, xOf(now - 5 * hour, window)],
      ['3', 'failed_ops', now - 56 * minute, now - 55 * minute, xOf(now - 56 * minute, window)],
    ]);
  });

  it('clips a run that began before the window to its start', () => {
    const { bars } = runBars(view('P', completed(1)), { ...stats(), recent: [record('1', now - 25 * hour, now - 23 * hour, 'succeeded')] }, window, now);
    expect(bars[0]).toMatchObject({ id: '1', x: 0, clippedStart: true });
  });

  it('draws the running run to now, from the history or, before the history has it, from the status', () => {
    const inHistory = runBars(view('P', running(10, 5)), { ...stats(), recent: [record('9', now - 10 * minute, undefined)] }, window, now).bars;
    expect(inHistory.map((bar) => [bar.id, bar.kind, bar.end])).toEqual([['9', 'running', now]]);
    const fromStatus = runBars(view('P', running(10, 5)), { ...stats(), recent: [record('8', now - 2 * hour, now - hour, 'succeeded')] }, window, now).bars;
    expect(fromStatus.map((bar) => [bar.id, bar.kind, bar.begin, bar.end])).toEqual([
      ['8', 'succeeded', now - 2 * hour, now - hour],
      [undefined, 'running', now - 10 * minute, now],
    ]);
    // Before any history read, the status alone.
    expect(runBars(view('P', completed(5, 3)), undefined, window, now).bars.map((bar) => bar.kind)).toEqual(['failed_ops']);
  });

  it('treats an older run without an outcome as incomplete (a newer one superseded it), not running', () => {
    const recent = [record('2', now - hour, now - hour + minute, 'succeeded'), record('1', now - 3 * hour, undefined)];
    expect(runBars(view('P', completed(59)), { ...stats(), recent }, window, now).bars.map((bar) => [bar.id, bar.kind])).toEqual([
      ['1', 'incomplete'],
      ['2', 'succeeded'],
    ]);
  });

  it('keeps the newest runs past the per-row bound and counts the rest', () => {
    const recent = Array.from({ length: maxBarsPerRow + 7 }, (_, i) => record(String(i), now - (i + 1) * 5 * minute, now - (i + 1) * 5 * minute + 1_000, 'succeeded'));
    const { bars, dropped } = runBars(view('P', completed(4)), { ...stats(), recent }, window, now);
    expect(bars).toHaveLength(maxBarsPerRow);
    expect(dropped).toBe(7);
    expect(bars[bars.length - 1]?.id).toBe('0');
  });
});

describe('buildBatchWindow', () => {
  it('groups the demo estate: the trouble, what ran or is due, and what has nothing in the window', () => {
    const target = buildBatchWindow(scenarioInput(), query()).targets[0];
    expect(target?.zone).toBe('America/Chicago');
    expect(target?.now).toEqual({ at: scenarioNow, x: 800 });
    expect(target?.groups.attention.map((row) => row.code)).toEqual(['AggLimitCalc', 'ContactAutoSync', 'DataMartLoad', 'GLExport', 'InvoiceRun']);
    expect(target?.counts).toEqual({ attention: 5, active: 12, quiet: 3 });
    expect(target?.groups.quiet.map((row) => row.code)).toEqual(['BoundPolicyException', 'FinancialsEsc', 'PurgeWorkflowLogs']);
    const gl = target?.groups.attention.find((row) => row.code === 'GLExport');
    expect(gl?.deadline).toMatchObject({ at: Date.parse('2026-11-28T12:00:00Z'), missed: false, atRisk: true });
    expect(gl?.forecast?.at).toBe(Date.parse('2026-11-28T12:25:00Z'));
    const late = target?.groups.attention.find((row) => row.code === 'DataMartLoad');
    expect(late?.lateSince?.at).toBe(Date.parse('2026-11-28T10:30:00Z'));
    const activity = target?.groups.active.find((row) => row.code === 'ActivityEsc');
    expect(activity?.fireTimes).toHaveLength(48);
    expect(activity?.next?.at).toBe(Date.parse('2026-11-28T12:00:00Z'));
  });

  it('applies the filter and anchors each row to its status-page row', () => {
    const target = buildBatchWindow(scenarioInput(), query('q=invoice')).targets[0];
    expect([...(target?.groups.attention ?? []), ...(target?.groups.active ?? [])].map((row) => [row.code, row.anchor])).toEqual([['InvoiceRun', 'target-cc-prod--InvoiceRun']]);
    expect(target?.hidden).toBe(19);
  });

  it('draws at most maxDrawnRows rows a page and counts the rest', () => {
    const many = Array.from({ length: maxDrawnRows + 40 }, (_, i) => view(`P${String(i).padStart(4, '0')}`, completed(30), { schedule: schedule({ late: false, windowFireTimes: [now - hour] }) }));
    const built = buildBatchWindow(input({ snapshot: snapshot('big', many) }), query());
    expect(built.drawn).toBe(maxDrawnRows);
    expect(built.targets[0]?.notDrawn).toBe(40);
    const html = renderBatchWindowPage(built);
    expect(html.match(/<div class="bw-row/g)).toHaveLength(maxDrawnRows);
    expect(html).toContain('<strong>40 more processes not drawn</strong>: refine the filter');
    // So many open rows would bury the trouble: the group starts collapsed.
    expect(html).toMatch(/<details class="bw-group active"><summary>Ran or due in the window \(540\)/);
  });
});

describe('the page bound on bars', () => {
  it('stops drawing rows before the page would pass maxDrawnBars, the trouble first', () => {
    const runs = (i: number) => Array.from({ length: 100 }, (_, k) => record(`${i}:${k}`, now - (k + 1) * 10 * minute, now - (k + 1) * 10 * minute + 60_000, 'succeeded'));
    const views = Array.from({ length: 150 }, (_, i) => view(`P${String(i).padStart(3, '0')}`, completed(9), i === 149 ? { schedule: schedule({ late: true }) } : {}));
    const history = Object.fromEntries(views.map((v, i) => [v.process.code, { ...stats(), recent: runs(i) }]));
    const built = buildBatchWindow(input({ snapshot: snapshot('busy', views, history) }), query());
    const target = built.targets[0];
    expect(target?.groups.attention.map((row) => row.code)).toEqual(['P149']);
    expect(target?.groups.active).toHaveLength(maxDrawnBars / 100 - 1);
    expect(target?.notDrawn).toBe(150 - maxDrawnBars / 100);
    expect([...(target?.groups.attention ?? []), ...(target?.groups.active ?? [])].reduce((sum, row) => sum + row.bars.length, 0)).toBe(maxDrawnBars);
  });
});

describe('the batch-window page', () => {
  const html = renderBatchWindowPage(buildBatchWindow(scenarioInput(), query()));
  const rowOf = (code: string): string => html.slice(html.indexOf(`data-code="${code}"`), html.indexOf('</svg>', html.indexOf(`data-code="${code}"`)));

  it('gives every bar its times, outcome and a text alternative, in the target zone', () => {
    expect(rowOf('InvoiceRun')).toContain(
      '<rect class="bw-run k-failed_ops" x="711.1" y="6" width="38.9" height="14" data-begin="2026-11-28T09:00:04.000Z" data-end="2026-11-28T10:10:04.000Z" data-outcome="failed_ops" data-run="cc:InvoiceRun:1795856400000"><title>run cc:InvoiceRun:1795856400000 (scheduled): failed ops, 12 failed ops, 2026-11-28 03:00:04 CST to 2026-11-28 04:10:04 CST, 1 h 10 min</title></rect>',
    );
    expect(rowOf('InvoiceRun')).toContain('role="img" aria-label="InvoiceRun: 1 run (1 failed ops), 1 fire time"');
  });

  it('marks the deadline, the late fire time, the forecast and now', () => {
    expect(rowOf('GLExport')).toContain('class="bw-deadline at-risk" d="M811.1 0V24" data-deadline="2026-11-28T12:00:00.000Z"');
    expect(rowOf('GLExport')).toContain('<rect class="bw-forecast" x="800"');
    expect(rowOf('DataMartLoad')).toContain('class="bw-late"');
    expect(rowOf('DataMartLoad')).toContain('late: due 2026-11-28 04:30:00 CST, no run started');
    expect(rowOf('Workflow')).toContain('<path class="bw-now" d="M800 0V24"/>');
  });

  it('labels the hours in the server zone and has a legend in words; no script, no inline style attribute', () => {
    expect(html).toContain('<text x="61.1%" y="12" class="bw-day">Sat 28</text>');
    for (const word of ['succeeded', 'failed ops', 'internal failure', 'incomplete', 'running', 'fire time', 'deadline', 'now']) expect(html).toContain(`${word}`);
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/ style="/);
  });

  it('escapes what comes from Guidewire', () => {
    const page = renderBatchWindowPage(buildBatchWindow(input({ snapshot: snapshot('t', [view('<b>x</b>', completed(5), { schedule: schedule({ label: '"><script>' }) })]) }), query()));
    expect(page).not.toContain('<b>x</b>');
    expect(page).not.toContain('"><script>');
  });
});
