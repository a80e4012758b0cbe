import { gunzipSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ExpositionCache, renderChunks, type TargetMemo } from '../../../src/metrics/exposition-cache.js';
import { serialize } from '../../../src/metrics/exposition.js';
import { mapSnapshots } from '../../../src/metrics/map-snapshot.js';
import type { TargetSnapshot } from '../../../src/model/snapshot.js';

const snapshot = (target: string, codes: string[], opsCompleted = 1): TargetSnapshot => ({
  target,
  pollIntervalSeconds: 60,
  processes: codes.map((code) => ({
    process: { code, name: code, distributed: true, status: { dateCreated: 1, startDate: 2, dateCompleted: 3, opsCompleted, failedOps: 0 }, workQueue: { activeExecutors: 1 } },
    thresholds: { stallAfterMs: 60_000 },
    observedAt: 0,
  })),
  poll: { up: true, startedAt: 0, durationSeconds: 0.1, lastSuccessAt: 1, errors: [] },
});

describe('ExpositionCache', () => {
  const snapshots = [snapshot('a', ['X', 'Y']), snapshot('b', ['Z'])];

  it.each(['text', 'openMetrics'] as const)('renders exactly what the serializer renders (%s)', async (format) => {
    const expected = serialize(mapSnapshots(snapshots), format).replace(/# EOF\n$/, '');
    expect(await new ExpositionCache().text(snapshots, format)).toBe(expected);
  });

  it('renders once per set of snapshots, and again when one of them changes', async () => {
    const cache = new ExpositionCache();
    const first = await cache.bytes(snapshots, 'text');
    expect(await cache.bytes([...snapshots], 'text')).toBe(first);
    const changed = [snapshots[0] as TargetSnapshot, snapshot('b', ['Z'], 7)];
    expect(await cache.bytes(changed, 'text')).not.toBe(first);
    expect(await cache.text(changed, 'text')).toContain('guidewire_batch_process_ops_completed{target="b",batch_process="Z"} 7');
  });

  it('renders processes with and without ownership labels as the serializer does, and again when the labels change', async () => {
    const base = snapshot('a', ['X', 'Y']);
    const owned = (labels: Readonly<Record<string, string>>): TargetSnapshot => ({
      ...base,
      processes: base.processes.map((view, i) => (i === 0 ? { ...view, thresholds: { ...view.thresholds, failureThreshold: 3, labels } } : view)),
    });
    const cache = new ExpositionCache();
    const billing = [owned({ team: 'billing', severity: 'critical' })];
    const text = await cache.text(billing, 'openMetrics');
    expect(text).toBe(serialize(mapSnapshots(billing), 'openMetrics').replace(/# EOF\n$/, ''));
    expect(text).toContain('guidewire_batch_process_info{target="a",batch_process="X",name="X",distributed="true",severity="critical",team="billing"} 1');
    expect(text).toContain('guidewire_batch_process_info{target="a",batch_process="Y",name="Y",distributed="true"} 1');
    const claims = await cache.text([owned({ team: 'claims' })], 'text');
    expect(claims).toContain('batch_process="X",name="X",distributed="true",team="claims"} 1');
    expect(claims).not.toContain('billing');
  });

  it('renders in slices in the background with the same result as at once', async () => {
    const many = snapshot('big', Array.from({ length: 60 }, (_, i) => `P${i}`));
    const background = new ExpositionCache();
    let yields = 0;
    const rendered = await renderChunks(many, new Map(), async () => void yields++);
    expect(yields).toBeGreaterThanOrEqual(3);
    await background.prepare(many);
    // The serializer renders the same snapshot in one piece: slicing must not change a byte.
    expect(await background.text([many], 'text')).toBe(serialize(mapSnapshots([many]), 'text').replace(/# EOF\n$/, ''));
    expect(Buffer.concat([...rendered.values()]).length).toBeGreaterThan(0);
  });

  it('gzips section and the rest as one member that any gzip reader decodes whole', async () => {
    const cache = new ExpositionCache();
    const rest = Buffer.from('# HELP own x\n# TYPE own gauge\nown 1\n');
    const body = Buffer.concat(await cache.gzip(snapshots, 'text', rest));
    const expected = (await cache.text(snapshots, 'text')) + rest.toString();
    expect(gunzipSync(body).toString()).toBe(expected);
    // A reader that stops after the first member (as curl does) still sees everything.
    expect(inflateRawSync(body.subarray(10, body.length - 8)).toString()).toBe(expected);
    expect(Buffer.concat(await cache.gzip(snapshots, 'text', Buffer.from('other 2\n')))).not.toEqual(body);
  });

  it('re-renders only the processes whose data changed, and renders exactly what a fresh render does', async () => {
    const memo = new Map<string, TargetMemo>();
    const text = (chunks: Awaited<ReturnType<typeof renderChunks>>): string => Buffer.concat([...chunks.values()]).toString();
    const first = snapshot('a', ['X', 'Y', 'Z']);
    await renderChunks(first, memo);
    const before = memo.get('a')?.processes;
    // The next poll: new objects throughout, Y's ops moved, Z vanished, W appeared.
    const next: TargetSnapshot = {
      ...snapshot('a', ['W', 'X', 'Y']),
      processes: snapshot('a', ['W', 'X', 'Y']).processes.map((view) =>
        view.process.code === 'Y' ? { ...view, process: { ...view.process, status: { ...view.process.status, opsCompleted: 99 } } as typeof view.process } : view,
      ),
    };
    const rendered = text(await renderChunks(next, memo));
    expect(rendered).toBe(text(await renderChunks(next)));
    expect(rendered).toContain('guidewire_batch_process_ops_completed{target="a",batch_process="Y"} 99');
    expect(rendered).not.toContain('batch_process="Z"');
    const after = memo.get('a')?.processes;
    expect(after?.get('X')).toBe(before?.get('X'));
    expect(after?.get('Y')).not.toBe(before?.get('Y'));
    expect([...(after?.keys() ?? [])]).toEqual(['W', 'X', 'Y']);
  });

  it('lets a scrape wait for a background render in flight instead of rendering the target again', async () => {
    const cache = new ExpositionCache();
    const base = snapshot('big', Array.from({ length: 80 }, (_, i) => `P${i}`));
    let reads = 0;
    const many: TargetSnapshot = Object.defineProperty({ ...base }, 'processes', { get: () => (reads++, base.processes), enumerable: true });
    // How often one render reads the processes, to tell one render from two.
    const probe: TargetSnapshot = Object.defineProperty({ ...base }, 'processes', { get: () => (reads++, base.processes), enumerable: true });
    await new ExpositionCache().prepare(probe);
    const perRender = reads;
    expect(perRender).toBeGreaterThan(0);
    reads = 0;
    let rendered = false;
    void cache.prepare(many).then(() => (rendered = true));
    expect(rendered).toBe(false);
    // A scrape of these snapshots waits for that render and renders the one no poll prepared.
    const text = await cache.text([many, snapshot('never-prepared', ['X'])], 'text');
    expect(rendered).toBe(true);
    expect(reads).toBe(perRender);
    expect(text).toBe(await new ExpositionCache().text([many, snapshot('never-prepared', ['X'])], 'text'));
    expect(text).toContain('target="never-prepared"');
  });

  it('serves what prepare rendered in the background without rendering the snapshot again', async () => {
    const cache = new ExpositionCache();
    const base = snapshot('big', Array.from({ length: 60 }, (_, i) => `P${i}`));
    let reads = 0;
    const counted: TargetSnapshot = Object.defineProperty({ ...base }, 'processes', { get: () => (reads++, base.processes), enumerable: true });
    await cache.prepare(counted);
    expect(reads).toBeGreaterThan(0);
    reads = 0;
    expect(await cache.text([counted], 'text')).toContain('batch_process="P59"');
    expect(reads).toBe(0);
  });

  it('compresses the section once per change: every gzip scrape until a target changes gets the same bytes', async () => {
    const cache = new ExpositionCache();
    const rest = Buffer.from('own 1\n');
    const first = await cache.gzip(snapshots, 'text', rest);
    expect(await cache.gzip([...snapshots], 'text', rest)).toBe(first);
    expect((await cache.gzip(snapshots, 'text', rest))[1]).toBe(first[1]);
    const changed = [snapshots[0] as TargetSnapshot, snapshot('b', ['Z'], 5)];
    const next = await cache.gzip(changed, 'text', rest);
    expect(next[1]).not.toBe(first[1]);
    expect(gunzipSync(Buffer.concat(next)).toString()).toBe((await cache.text(changed, 'text')) + rest.toString());
  });

  it('renders a stall that starts or clears while the process data stays the same', async () => {
    const memo = new Map<string, TargetMemo>();
    const text = (chunks: Awaited<ReturnType<typeof renderChunks>>): string => Buffer.concat([...chunks.values()]).toString();
    const withStall = (stalled: boolean, lastChangeAt: number): TargetSnapshot => {
      const base = snapshot('a', ['X']);
      return { ...base, processes: base.processes.map((view) => ({ ...view, progress: { runKey: 'r', fingerprint: 'f', lastChangeAt, stalled } })) };
    };
    await renderChunks(withStall(false, 1_000), memo);
    const stalled = withStall(true, 1_000);
    expect(text(await renderChunks(stalled, memo))).toContain('guidewire_batch_process_stalled{target="a",batch_process="X"} 1');
    const moved = withStall(false, 9_000);
    const rendered = text(await renderChunks(moved, memo));
    expect(rendered).toContain('guidewire_batch_process_stalled{target="a",batch_process="X"} 0');
    expect(rendered).toBe(text(await renderChunks(moved)));
  });

  it('renders a schedule that changes (late, a missed fire time, a new deadline) while the process data stays the same', async () => {
    const memo = new Map<string, TargetMemo>();
    const text = (chunks: Awaited<ReturnType<typeof renderChunks>>): string => Buffer.concat([...chunks.values()]).toString();
    const withSchedule = (late: boolean, missedTotal: number, deadlineAt?: number): TargetSnapshot => {
      const base = snapshot('a', ['X']);
      const schedule = {
        source: 'config' as const,
        label: '0 */5 * * * ?',
        timezone: 'UTC',
        graceMs: 60_000,
        nextAt: 600_000,
        previousAt: 300_000,
        windowFireTimes: [300_000],
        late,
        missedTotal,
        skippedTotal: 0,
        ...(deadlineAt === undefined ? {} : { deadline: { label: '06:00', at: deadlineAt, missed: false } }),
      };
      return { ...base, processes: base.processes.map((view) => ({ ...view, schedule })) };
    };
    await renderChunks(withSchedule(false, 0), memo);
    expect(text(await renderChunks(withSchedule(true, 0), memo))).toContain('guidewire_batch_process_late{target="a",batch_process="X"} 1');
    expect(text(await renderChunks(withSchedule(true, 1), memo))).toContain('guidewire_batch_process_missed_runs_total{target="a",batch_process="X"} 1');
    const last = withSchedule(true, 1, 21_600_000);
    const rendered = text(await renderChunks(last, memo));
    expect(rendered).toContain('guidewire_batch_process_deadline_timestamp_seconds{target="a",batch_process="X"} 21600');
    expect(rendered).toBe(text(await renderChunks(last)));
  });
});
