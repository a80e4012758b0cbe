import { describe, expect, it } from 'vitest';
import { formatValue, negotiateFormat, serialize, type MetricFamily } from '../../../src/metrics/exposition.js';

const families: MetricFamily[] = [
  {
    name: 'demo_gauge',
    help: 'A gauge with a back\\slash and\nnewline "quoted".',
    type: 'gauge',
    samples: [
      { name: 'demo_gauge', labels: { target: 'a', note: 'say "hi"\\\n' }, value: 1.5 },
      { name: 'demo_gauge', labels: {}, value: NaN },
    ],
  },
  { name: 'demo_empty', help: 'No samples, left out.', type: 'gauge', samples: [] },
  {
    name: 'demo_requests_total',
    help: 'A counter.',
    type: 'counter',
    samples: [{ name: 'demo_requests_total', labels: { code: '200' }, value: 3 }],
  },
  {
    name: 'demo_seconds',
    help: 'A histogram.',
    type: 'histogram',
    samples: [
      { name: 'demo_seconds_bucket', labels: { le: '1' }, value: 1 },
      { name: 'demo_seconds_bucket', labels: { le: '+Inf' }, value: 2 },
      { name: 'demo_seconds_sum', labels: {}, value: 2.25 },
      { name: 'demo_seconds_count', labels: {}, value: 2 },
    ],
  },
];

describe('serialize', () => {
  it('writes the Prometheus text format', () => {
    expect(serialize(families, 'text')).toBe(`# HELP demo_gauge A gauge with a back\\\\slash and\\nnewline "quoted".
# TYPE demo_gauge gauge
demo_gauge{target="a",note="say \\"hi\\"\\\\\\n"} 1.5
demo_gauge NaN
# HELP demo_requests_total A counter.
# TYPE demo_requests_total counter
demo_requests_total{code="200"} 3
# HELP demo_seconds A histogram.
# TYPE demo_seconds histogram
demo_seconds_bucket{le="1"} 1
demo_seconds_bucket{le="+Inf"} 2
demo_seconds_sum 2.25
demo_seconds_count 2
`);
  });

  it('writes OpenMetrics: counter families without _total, escaped quotes in HELP, # EOF', () => {
    const text = serialize(families, 'openMetrics');
    expect(text).toContain('# HELP demo_gauge A gauge with a back\\\\slash and\\nnewline \\"quoted\\".\n');
    expect(text).toContain('# TYPE demo_requests counter\ndemo_requests_total{code="200"} 3\n');
    expect(text.endsWith('demo_seconds_count 2\n# EOF\n')).toBe(true);
  });
});

describe('formatValue', () => {
  it.each([
    [0, '0'],
    [1.5, '1.5'],
    [1663608600.021, '1663608600.021'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
    [NaN, 'NaN'],
  ])('%s → %s', (value, text) => expect(formatValue(value)).toBe(text));
});

describe('negotiateFormat', () => {
  it('chooses OpenMetrics only when asked', () => {
    expect(negotiateFormat(undefined)).toBe('text');
    expect(negotiateFormat('text/plain;version=0.0.4;q=0.5,*/*;q=0.1')).toBe('text');
    expect(negotiateFormat('application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5')).toBe('openMetrics');
  });
});
