/**
 * The benchmark's pure helpers: reading wrk's report (units vary run to run) and cutting the exposition
 * that goes to the Pushgateway. A misread unit would silently skew every table in docs/performance.md.
 */
import { describe, expect, it } from 'vitest';
import { countSamples, keepFamilies, sampleValues, seriesCount } from '../../../bench/exposition.js';
import { median, medianLoad } from '../../../bench/stats.js';
import { lateBy } from '../../../bench/scenario-load-churn.js';
import { parseWrk } from '../../../bench/wrk.js';

const wrkOutput = `Running 5s test @ http://127.0.0.1:40123/metrics
  1 threads and 2 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   812.33us    1.02ms  21.30ms   97.12%
    Req/Sec     2.61k   180.12     2.90k    76.00%
  Latency Distribution
     50%  640.00us
     75%  790.00us
     90%    1.01ms
     99%    2.18s
  12999 requests in 5.00s, 1.27GB read
  Socket errors: connect 0, read 1, write 0, timeout 2
  Non-2xx or 3xx responses: 4
Requests/sec:   2599.80
Transfer/sec:    260.06MB
`;

describe('parseWrk', () => {
  it('reads req/s, p50 and p99 in milliseconds whatever unit wrk chose, and adds up the errors', () => {
    expect(parseWrk(wrkOutput)).toEqual({ requestsPerSecond: 2599.8, p50Ms: 0.64, p99Ms: 2180, requests: 12999, errors: 7 });
  });

  it('leaves what it cannot find as NaN, so a broken run cannot pass for a measured one', () => {
    const parsed = parseWrk('unable to connect to 127.0.0.1:1 Connection refused\n');
    expect(parsed.requestsPerSecond).toBeNaN();
    expect(parsed.p99Ms).toBeNaN();
  });
});

describe('exposition helpers', () => {
  const text = [
    '# HELP guidewire_up 1 when the last poll succeeded.',
    '# TYPE guidewire_up gauge',
    'guidewire_up{target="a"} 1',
    'guidewire_up{target="b"} 0',
    '# HELP process_resident_memory_bytes Resident memory size in bytes.',
    '# TYPE process_resident_memory_bytes gauge',
    'process_resident_memory_bytes 123',
    '# HELP guidewire_poll_duration_seconds Wall time of the last poll.',
    '# TYPE guidewire_poll_duration_seconds gauge',
    'guidewire_poll_duration_seconds{target="a"} 0.25',
    '',
  ].join('\n');

  it('keeps only the families with the prefix, HELP and TYPE lines included', () => {
    expect(keepFamilies(text, 'guidewire_')).toBe(
      [
        '# HELP guidewire_up 1 when the last poll succeeded.',
        '# TYPE guidewire_up gauge',
        'guidewire_up{target="a"} 1',
        'guidewire_up{target="b"} 0',
        '# HELP guidewire_poll_duration_seconds Wall time of the last poll.',
        '# TYPE guidewire_poll_duration_seconds gauge',
        'guidewire_poll_duration_seconds{target="a"} 0.25',
        '',
      ].join('\n'),
    );
  });

  it('counts series and reads values by exact name', () => {
    expect(seriesCount(text)).toBe(4);
    expect(countSamples(text, 'guidewire_up')).toBe(2);
    expect(sampleValues(text, 'guidewire_poll_duration_seconds')).toEqual([0.25]);
    expect(sampleValues(text, 'guidewire_poll')).toEqual([]);
  });
});

describe('medians', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('medians each wrk figure on its own and sums the errors', () => {
    const run = (rps: number, p99: number, errors: number) => ({ requestsPerSecond: rps, p50Ms: 1, p99Ms: p99, requests: rps * 5, errors });
    expect(medianLoad([run(10, 30, 0), run(30, 10, 1), run(20, 20, 2)])).toEqual({ requestsPerSecond: 20, p50Ms: 1, p99Ms: 20, requests: 100, errors: 3 });
  });
});

describe('event-loop lag from the probe', () => {
  it('is the delay beyond the sampling interval, never negative', () => {
    expect(lateBy({ p50Ms: 10.05, p99Ms: 22, maxMs: 77, resolutionMs: 10 })).toEqual({ p50Ms: expect.closeTo(0.05, 6), p99Ms: 12, maxMs: 67 });
    expect(lateBy({ p50Ms: 9.9, p99Ms: 10, maxMs: 10, resolutionMs: 10 })).toEqual({ p50Ms: 0, p99Ms: 0, maxMs: 0 });
  });
});
