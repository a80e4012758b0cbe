import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { maxRunEventLineBytes, runEventLine } from '../../../src/events/line.js';
import { createRunEventSink, maxPendingRunEvents } from '../../../src/events/sink.js';
import type { RunEvent } from '../../../src/history/run-event.js';
import { capturingLogger } from '../../support/harness.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const event = (k: number, change: Partial<RunEvent> = {}): RunEvent => ({
  event: 'batch_run_finished',
  target: 'gw',
  process: 'Invoice',
  run_id: `ab:run${k}`,
  outcome: 'succeeded',
  trigger: 'scheduled',
  ops_completed: 10,
  duration_seconds: 2,
  ended_at: '2026-11-28T09:00:02.000Z',
  ...change,
});
const writtenAt = Date.parse('2026-11-28T09:05:00.000Z');

function deps() {
  const log = capturingLogger();
  const counts: [string, string, number, number][] = [];
  const out: string[] = [];
  return {
    log,
    counts,
    out,
    deps: {
      log: log.logger,
      report: { runEvents: (target: string, sink: string, written: number, failed: number) => void counts.push([target, sink, written, failed]) },
      now: () => writtenAt,
      stdout: (text: string) => void out.push(text),
    },
  };
}
const totals = (counts: readonly [string, string, number, number][]): [number, number] =>
  counts.reduce<[number, number]>(([w, f], [, , written, failed]) => [w + written, f + failed], [0, 0]);

describe('runEventLine', () => {
  it('is one JSON line: the time it was written, then the record as it is', () => {
    const line = runEventLine(event(1), writtenAt);
    expect(line?.endsWith('\n')).toBe(true);
    expect(line?.split('\n')).toHaveLength(2);
    expect(JSON.parse(line ?? '')).toStrictEqual({ time: '2026-11-28T09:05:00.000Z', ...event(1) });
  });

  it('is dropped when longer than the bound (escaped control characters)', () => {
    const wide = '\u0001'.repeat(256);
    expect(runEventLine(event(1, { target: wide, process: wide, run_id: wide }), writtenAt)).toBeUndefined();
    expect(Buffer.byteLength(runEventLine(event(1, { target: 'x'.repeat(256), process: 'y'.repeat(256), run_id: 'z'.repeat(256) }), writtenAt) ?? '')).toBeLessThan(maxRunEventLineBytes);
  });
});

describe('run-event sinks', () => {
  it('none writes nothing', async () => {
    const d = deps();
    const sink = createRunEventSink({ sink: 'none' }, d.deps);
    sink.write('gw', [event(1)]);
    await sink.close();
    expect([sink.kind, d.out, d.counts]).toEqual(['none', [], []]);
  });

  it('stdout writes one line per event, in order, and counts them; never through the logger', () => {
    const d = deps();
    const sink = createRunEventSink({ sink: 'stdout' }, d.deps);
    sink.write('gw', [event(1), event(2)]);
    expect(d.out.join('').trimEnd().split('\n').map((l) => (JSON.parse(l) as RunEvent).run_id)).toEqual(['ab:run1', 'ab:run2']);
    expect(d.counts).toEqual([['gw', 'stdout', 2, 0]]);
    expect(d.log.lines).toEqual([]);
  });

  it('stdout without a writer is a wiring error', () => {
    const { stdout: _, ...rest } = deps().deps;
    expect(() => createRunEventSink({ sink: 'stdout' }, rest)).toThrow(/no standard output/);
  });

  it('file appends JSON lines across batches and keeps what was there', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'gwe-events-'));
    dirs.push(dir);
    const file = path.join(dir, 'runs.jsonl');
    const d = deps();
    const first = createRunEventSink({ sink: 'file', file }, d.deps);
    first.write('gw', [event(1)]);
    first.write('gw', [event(2), event(3)]);
    await first.close();
    // A new sink on the same file (a restart, a reload) appends.
    const second = createRunEventSink({ sink: 'file', file }, d.deps);
    second.write('gw', [event(4)]);
    await second.close();
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as RunEvent);
    expect(lines.map((l) => l.run_id)).toEqual(['ab:run1', 'ab:run2', 'ab:run3', 'ab:run4']);
    expect(totals(d.counts)).toEqual([4, 0]);
  });

  it('file: a failing write is counted each time, logged once, and the recovery once', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'gwe-events-'));
    dirs.push(dir);
    const d = deps();
    let broken = true;
    const written: string[] = [];
    const sink = createRunEventSink(
      { sink: 'file', file: path.join(dir, 'runs.jsonl') },
      {
        ...d.deps,
        append: async (_file, text) => {
          if (broken) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
          written.push(text);
        },
      },
    );
    sink.write('gw', [event(1), event(2)]);
    sink.write('gw', [event(3)]);
    await sink.close();
    expect(totals(d.counts)).toEqual([0, 3]);
    expect(d.log.lines.filter((l) => l['level'] === 50)).toHaveLength(1);
    expect(String(d.log.lines[0]?.['msg'])).toContain('could not be written to the file');
    broken = false;
    sink.write('gw', [event(4)]);
    await sink.close();
    expect(totals(d.counts)).toEqual([1, 3]);
    expect(written).toHaveLength(1);
    expect(d.log.lines.map((l) => l['msg'])).toContain('run events are written again');
  });

  it('file: a missing directory fails the write, not the caller', async () => {
    const d = deps();
    const sink = createRunEventSink({ sink: 'file', file: path.join(os.tmpdir(), 'gwe-no-such-dir', 'x', 'runs.jsonl') }, d.deps);
    expect(() => sink.write('gw', [event(1)])).not.toThrow();
    await sink.close();
    expect(totals(d.counts)).toEqual([0, 1]);
    expect((d.log.lines[0]?.['err'] as { code?: string } | undefined)?.code).toBe('ENOENT');
  });

  it('file: batches beyond the pending bound are dropped and counted while the file system hangs', async () => {
    const d = deps();
    let release: () => void = () => undefined;
    const hang = new Promise<void>((resolve) => (release = resolve));
    const sink = createRunEventSink({ sink: 'file', file: '/unused' }, { ...d.deps, append: () => hang });
    sink.write('gw', Array.from({ length: maxPendingRunEvents }, (_, k) => event(k)));
    sink.write('gw', [event(-1)]);
    expect(d.counts).toEqual([['gw', 'file', 0, 1]]);
    release();
    await sink.close();
    expect(totals(d.counts)).toEqual([maxPendingRunEvents, 1]);
  });
});
