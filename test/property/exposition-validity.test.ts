import { spawn } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BatchProcess } from '../../src/guidewire/types.js';
import { emptyStats, runKeys, type HistoryStats } from '../../src/history/stats.js';
import { serialize, type MetricFamily, type MetricType } from '../../src/metrics/exposition.js';
import { mapSnapshots } from '../../src/metrics/map-snapshot.js';
import type { TargetSnapshot } from '../../src/model/snapshot.js';
import { parseExposition, seriesOf } from '../support/scrape.js';
import { parseOpenMetrics } from './support/openmetrics.js';
import { runs, seed } from './support/runs.js';

/** Characters that exposition formats must escape or that trip naive parsers, mixed with any Unicode. */
const nasty = fc.constantFrom('"', '\\', '\n', '\r', '\t', '{', '}', ',', '=', ' ', '#', '\\n', '\\"', '# EOF', 'é', '😀', '\u2028', '\u0000', '\u00a0');
const labelValue = fc.oneof(
  fc.string({ unit: fc.oneof(nasty, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 16 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
);
const nonEmptyLabelValue = labelValue.filter((s) => s !== '');

const bounds = [1, 5, 60, 3600];
const stats: fc.Arbitrary<HistoryStats> = fc
  .record({
    runs: fc.array(fc.nat(1_000), { minLength: runKeys.length, maxLength: runKeys.length }),
    buckets: fc.array(fc.nat(100), { minLength: bounds.length + 1, maxLength: bounds.length + 1 }),
    sum: fc.double({ min: 0, max: 1e9, noNaN: true }),
    lastSuccessAt: fc.option(fc.integer({ min: 0, max: 4_102_444_800_000 }), { nil: undefined }),
    lastFailureAt: fc.option(fc.integer({ min: 0, max: 4_102_444_800_000 }), { nil: undefined }),
  })
  .map(({ runs: counts, buckets, sum, lastSuccessAt, lastFailureAt }) => ({
    ...emptyStats(bounds),
    runs: Object.fromEntries(runKeys.map((key, i) => [key, counts[i] ?? 0])) as HistoryStats['runs'],
    bucketCounts: buckets,
    durationSum: sum,
    durationCount: buckets.reduce((a, b) => a + b, 0),
    ...(lastSuccessAt === undefined ? {} : { lastSuccessAt }),
    ...(lastFailureAt === undefined ? {} : { lastFailureAt }),
  }));

const process: fc.Arbitrary<BatchProcess> = fc.record({
  code: nonEmptyLabelValue,
  name: nonEmptyLabelValue,
  distributed: fc.boolean(),
  status: fc.constantFrom({}, { dateCreated: 1_663_608_600_003, startDate: 1_663_608_600_011, progress: '1 out of 3' }, { dateCompleted: 1_663_608_600_021, failureReason: 'x' }),
});

/** Snapshots of several targets with hostile names, codes and display names. */
const snapshots: fc.Arbitrary<TargetSnapshot[]> = fc.uniqueArray(
  fc.record({
    target: nonEmptyLabelValue,
    processes: fc.uniqueArray(fc.record({ process, stats: fc.option(stats, { nil: undefined }) }), { selector: (p) => p.process.code, maxLength: 4 }),
  }),
  { selector: (t) => t.target, minLength: 1, maxLength: 3 },
).map((targets) =>
  targets.map(({ target, processes }) => ({
    target,
    pollIntervalSeconds: 60,
    processes: processes.map(({ process: p }) => ({ process: p, observedAt: 0, thresholds: { stallAfterMs: 1_800_000 } })),
    poll: { up: true, startedAt: 0, durationSeconds: 0.5, errors: [] },
    history: new Map(processes.flatMap(({ process: p, stats: s }) => (s === undefined ? [] : [[p.code, s] as const]))),
  })),
);

/** Each (target, batch_process, name) triple the snapshots should expose through guidewire_batch_process_info. */
const infoTriples = (snaps: readonly TargetSnapshot[]): string[] =>
  snaps.flatMap((s) => s.processes.map((v) => JSON.stringify([s.target, v.process.code, v.process.name]))).sort();

describe('exposition of hostile label values', () => {
  it('text format: every line parses and label values unescape to the originals', () => {
    fc.assert(
      fc.property(snapshots, (snaps) => {
        const text = serialize(mapSnapshots(snaps), 'text');
        const scrape = parseExposition(text);
        const info = seriesOf(scrape, 'guidewire_batch_process_info');
        expect(info.map((s) => JSON.stringify([s.labels['target'], s.labels['batch_process'], s.labels['name']])).sort()).toEqual(infoTriples(snaps));
        for (const snap of snaps) {
          expect(seriesOf(scrape, 'guidewire_up', { target: snap.target })).toHaveLength(1);
          for (const v of snap.processes) {
            const labels = { target: snap.target, batch_process: v.process.code };
            expect(seriesOf(scrape, 'guidewire_batch_process_stalled', labels)).toHaveLength(1);
            const s = snap.history?.get(v.process.code);
            expect(seriesOf(scrape, 'guidewire_batch_process_runs_total', labels)).toHaveLength(s === undefined ? 0 : runKeys.length);
            expect(seriesOf(scrape, 'guidewire_batch_process_run_duration_seconds_bucket', labels)).toHaveLength(s === undefined ? 0 : bounds.length + 1);
          }
        }
        // One line per sample: no raw newline survives inside a label value.
        const sampleLines = text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
        expect(sampleLines).toHaveLength([...scrape.values()].reduce((n, f) => n + f.series.length, 0));
      }),
      runs(300),
    );
  });

  it('OpenMetrics: ends with # EOF, families are well formed, label values unescape to the originals', () => {
    fc.assert(
      fc.property(snapshots, (snaps) => {
        const text = serialize(mapSnapshots(snaps), 'openMetrics');
        const samples = parseOpenMetrics(text);
        const info = samples.filter((s) => s.name === 'guidewire_batch_process_info');
        expect(info.map((s) => JSON.stringify([s.labels['target'], s.labels['batch_process'], s.labels['name']])).sort()).toEqual(infoTriples(snaps));
        // Counters are named without _total in OpenMetrics metadata and with it on samples.
        for (const s of samples.filter((x) => x.family === 'guidewire_batch_process_runs')) expect(s.name).toBe('guidewire_batch_process_runs_total');
        // The same samples as the text format.
        const textSamples = [...parseExposition(serialize(mapSnapshots(snaps), 'text')).values()].reduce((n, f) => n + f.series.length, 0);
        expect(samples).toHaveLength(textSamples);
      }),
      runs(300),
    );
  });

  // A JS string may hold a lone UTF-16 surrogate (JSON.parse('"\\ud800"') makes one, so can a YAML
  // "\ud800" escape). UTF-8 cannot encode it, so the serializer spells it out (`\\uD800`) rather than
  // letting two distinct type codes collapse into one U+FFFD label value.
  it('distinct label values stay distinct once the exposition is encoded as UTF-8', () => {
    const surrogate = fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff');
    fc.assert(
      fc.property(fc.string({ maxLength: 4 }), surrogate, surrogate, (prefix, a, b) => {
        fc.pre(a !== b);
        const codes = [`${prefix}${a}`, `${prefix}${b}`];
        const snap: TargetSnapshot = {
          target: 't',
          pollIntervalSeconds: 60,
          processes: codes.map((code) => ({ process: { code, name: code, distributed: false }, observedAt: 0, thresholds: { stallAfterMs: 1 } })),
        };
        const wire = Buffer.from(serialize(mapSnapshots([snap]), 'text'), 'utf8').toString('utf8');
        const seen = seriesOf(parseExposition(wire), 'guidewire_batch_process_info').map((s) => s.labels['batch_process']);
        expect(new Set(seen).size).toBe(2);
      }),
      runs(50),
    );
  });
});

const metricName = fc.stringMatching(/^[a-zA-Z_:][a-zA-Z0-9_:]{0,20}$/);
const labelName = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,10}$/).filter((n) => !n.startsWith('__') && n !== 'le' && n !== 'quantile');
const anyValue = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(0, -0, Number.MAX_VALUE, Number.MIN_VALUE, 1e21, 1e-7, Number.MAX_SAFE_INTEGER + 2));

/** Families as the serializer's callers build them: counters named with `_total`, gauges and untyped as is. */
const families: fc.Arbitrary<MetricFamily[]> = fc.uniqueArray(
  fc
    .record({
      base: metricName,
      type: fc.constantFrom<MetricType>('gauge', 'counter', 'untyped'),
      help: labelValue,
      samples: fc.array(fc.tuple(fc.dictionary(labelName, labelValue, { maxKeys: 3 }), anyValue), { maxLength: 4 }),
    })
    .map(({ base, type, help, samples }) => {
      const name = type === 'counter' ? `${base}_total` : base;
      return { name, type, help, samples: samples.map(([labels, value]) => ({ name, labels, value: type === 'counter' ? Math.abs(value) : value })) };
    }),
  { selector: (f) => f.name.replace(/_total$/, ''), maxLength: 5 },
);

const sameNumber = (a: number, b: number): boolean => (Number.isNaN(a) && Number.isNaN(b)) || a === b;

describe('serialize on arbitrary families', () => {
  it('round-trips values, label values and help text in both formats', () => {
    fc.assert(
      fc.property(families, (fams) => {
        const expected = fams.flatMap((f) => f.samples);
        const text = parseExposition(serialize(fams, 'text'));
        const textSamples = [...text.entries()].flatMap(([name, f]) => f.series.map((s) => ({ name, labels: s.labels, value: s.value })));
        const om = parseOpenMetrics(serialize(fams, 'openMetrics'));
        for (const got of [textSamples, om]) {
          expect(got).toHaveLength(expected.length);
          for (const want of expected) {
            const match = got.find((s) => s.name === want.name && JSON.stringify(s.labels) === JSON.stringify(want.labels) && sameNumber(s.value, want.value));
            expect(match, `${want.name} ${JSON.stringify(want.labels)} ${want.value}`).toBeDefined();
          }
        }
        // HELP: text escapes \\ and \n; OpenMetrics also \".
        const textLines = serialize(fams, 'text').split('\n');
        const omLines = serialize(fams, 'openMetrics').split('\n');
        for (const f of fams.filter((x) => x.samples.length > 0)) {
          const textHelp = textLines.find((l) => l.startsWith(`# HELP ${f.name} `))?.slice(`# HELP ${f.name} `.length) ?? '';
          expect(textHelp.replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'))).toBe(f.help);
          const omName = f.name.replace(/_total$/, '');
          const omHelp = omLines.find((l) => l.startsWith(`# HELP ${omName} `))?.slice(`# HELP ${omName} `.length) ?? '';
          expect(omHelp.replace(/\\(\\|n|")/g, (_, c: string) => (c === 'n' ? '\n' : c))).toBe(f.help);
        }
      }),
      runs(500),
    );
  });
});

/** Runs `promtool check metrics` on `text`; undefined when promtool is not installed. */
function promtoolCheck(text: string): Promise<{ code: number | null; output: string } | undefined> {
  return new Promise((resolve, reject) => {
    const child = spawn('promtool', ['check', 'metrics']);
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? resolve(undefined) : reject(err)));
    child.on('close', (code) => resolve({ code, output }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(text);
  });
}

describe('promtool check metrics', () => {
  it('accepts one large generated exposition with hostile label values', async (ctx) => {
    const snaps = fc.sample(snapshots, { numRuns: 60, seed }).flat();
    // Targets must be unique across the merged sample, as the configuration guarantees.
    const unique = [...new Map(snaps.map((s) => [s.target, s])).values()];
    const text = serialize(mapSnapshots(unique), 'text');
    const result = await promtoolCheck(text);
    if (result === undefined) {
      console.warn('NOTICE: promtool is not installed; skipping the promtool check of a generated exposition');
      ctx.skip();
      return;
    }
    expect(text.length).toBeGreaterThan(10_000);
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });
});
