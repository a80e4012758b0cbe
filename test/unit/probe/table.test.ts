import { describe, expect, it } from 'vitest';
import type { TargetReport } from '../../../src/probe/report.js';
import type { ProcessRow } from '../../../src/probe/rows.js';
import { renderProcessTable, renderReport } from '../../../src/probe/table.js';

const now = Date.parse('2026-11-28T12:00:00Z');
const esc = '\u001b[';
/** Every SGR sequence, built from a string: a control character in a regex literal trips the linter. */
const sgr = new RegExp(`${esc.replace('[', '\\[')}\\d+m`, 'g');

const rows: ProcessRow[] = [
  { code: 'ActivityEsc', state: 'running', progress: '7/20 (35%)', opsCompleted: 7, failedOps: 2, startedAt: now - 65_000, durationMs: 65_000, flags: ['FAILED OPS', 'RUNNING LONG'] },
  { code: 'PurgeClusterMembers', state: 'never_run', flags: ['NEVER RUN'] },
  { code: 'Workflow', state: 'completed', opsCompleted: 300, failedOps: 0, startedAt: now - 3_600_000, completedAt: now - 3_594_500, durationMs: 5_500, flags: [] },
];

const up: TargetReport = { name: 'pc-prod', baseUrl: 'https://pc.example.com/rest', up: true, durationSeconds: 0.2, requests: 3, processes: rows, problems: [] };
const down: TargetReport = {
  name: 'cc',
  baseUrl: 'https://cc.example.com/cc/rest',
  up: false,
  durationSeconds: 0.01,
  requests: 1,
  processes: [],
  problems: [{ error: 'GET /cc/rest/systemtools/v1/batch-processes answered 403', problem: 'permission denied (HTTP 403)', hint: 'grant it' }],
};

describe('renderReport', () => {
  it('without colour: a header per target, the problems, the table, a summary, and no escape sequence', () => {
    const text = renderReport([up, down], { color: false, now });
    expect(text).not.toContain(esc);
    const lines = text.split('\n');
    expect(lines[0]).toBe('pc-prod  https://pc.example.com/rest  UP  poll 200ms  3 requests  3 processes');
    expect(lines[1]).toMatch(/^ {2}PROCESS +STATE +PROGRESS +OPS +FAILED +LAST START +COMPLETED +DURATION +FLAGS$/);
    expect(lines[2]).toMatch(/^ {2}ActivityEsc +running +7\/20 \(35%\) +7 +2 +1m5s ago +1m5s +FAILED OPS, RUNNING LONG$/);
    expect(lines[3]).toMatch(/^ {2}PurgeClusterMembers +never run +NEVER RUN$/);
    expect(lines[4]).toMatch(/^ {2}Workflow +completed +300 +0 +1h ago +59m54s ago +5\.5s$/);
    expect(text).toContain('cc  https://cc.example.com/cc/rest  DOWN  poll 10ms  1 request  0 processes\n');
    expect(text).toContain('  problem: permission denied (HTTP 403)\n  error:   GET /cc/rest/systemtools/v1/batch-processes answered 403\n  hint:    grant it\n');
    expect(text.endsWith('\n\n2 targets: 1 up, 1 down\n')).toBe(true);
  });

  it('with colour: the same text once the escape sequences are removed', () => {
    const colored = renderReport([up, down], { color: true, now });
    expect(colored).toContain(esc);
    expect(colored).toContain('\u001b[32mUP\u001b[0m');
    expect(colored).toContain('\u001b[31mDOWN\u001b[0m');
    expect(colored).toContain('\u001b[31mFAILED OPS\u001b[0m');
    expect(colored.replace(sgr, '')).toBe(renderReport([up, down], { color: false, now }));
  });

  it('says so when a target is up but nothing matched', () => {
    expect(renderReport([{ ...up, processes: [] }], { color: false, now })).toContain('no batch process matched batch_processes.include');
  });
});

describe('renderProcessTable', () => {
  const long = { code: 'AVeryLongCustomerSpecificBatchProcessTypeCode', state: 'completed', flags: [] } as const;

  it('cuts long type codes with an ellipsis to fit a terminal width', () => {
    const natural = Math.max(...renderProcessTable([long, ...rows], { color: false, now }).split('\n').map((line) => line.length));
    const width = natural - 20;
    const text = renderProcessTable([long, ...rows], { color: false, now, width });
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(width);
    expect(text).toMatch(/AVeryLong\S*…/);
    expect(text).not.toContain(long.code);
  });

  it('cuts nothing without a width (not a terminal)', () => {
    expect(renderProcessTable([long, ...rows], { color: false, now })).toContain(long.code);
  });
});

describe('schedules in the probe table', () => {
  const nightly: ProcessRow = {
    code: 'Nightly', state: 'completed', startedAt: now - 20 * 3_600_000, completedAt: now - 19 * 3_600_000, durationMs: 3_600_000,
    schedule: { label: '0 0 2 * * ?', source: 'scheduler_config', timezone: 'America/Chicago', nextAt: now + 2 * 3_600_000, late: true }, flags: ['LATE'],
  };
  const plain: ProcessRow = { code: 'Adhoc', state: 'completed', flags: [] };

  it('adds the schedule (label, source, zone) and the next run before the flags; unknown without one, with why', () => {
    const lines = renderReport([{ ...up, processes: [nightly, plain] }], { color: false, now }).split('\n');
    expect(lines[1]).toMatch(/^ {2}PROCESS +STATE .* DURATION +SCHEDULE +NEXT RUN +FLAGS$/);
    expect(lines[2]).toMatch(/^ {2}Nightly +completed .* 1h +0 0 2 \* \* \? \(scheduler-config\.xml, America\/Chicago\) +in 2h +LATE$/);
    expect(lines[3]).toMatch(/^ {2}Adhoc +completed +unknown$/);
    expect(lines[4]).toBe('  schedule unknown: none configured (overrides schedule:) or imported (scheduler_config_file:); a learned cadence needs the run history, which probe does not read');
    expect(renderReport([{ ...up, processes: [nightly] }], { color: true, now })).toContain('\u001b[31mLATE\u001b[0m');
  });

  it('leaves the schedule columns out when no process has a schedule', () => {
    expect(renderProcessTable(rows, { color: false, now })).not.toContain('SCHEDULE');
  });

  it('judges times on the server clock when /system-time told its offset, and says so in the header', () => {
    const ahead = renderReport([{ ...up, processes: [nightly], serverTime: { offsetMs: 3_600_000, zoneId: 'America/Chicago' } }], { color: false, now });
    expect(ahead.split('\n')[0]).toBe('pc-prod  https://pc.example.com/rest  UP  poll 200ms  3 requests  1 process  server clock 1h ahead, America/Chicago');
    // One hour later on the server's clock: the next run is 1 h away, the last start 21 h ago.
    expect(ahead).toMatch(/Nightly +completed +21h ago .* in 1h +LATE/);
  });
});
