/** The benchmark report as markdown tables (pure: a report in, text out). */
import type { BenchReport } from './bench.js';
import type { Machine } from './machine.js';
import type { ScrapeCellResult } from './scenario-scrape.js';
import type { LoadResult } from './wrk.js';

const count = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const kib = (bytes: number): string => (bytes >= 1024 * 1024 ? mib(bytes) : `${(bytes / 1024).toFixed(0)} KiB`);
const rate = (n: number): string => (!Number.isFinite(n) ? 'n/a' : n >= 100 ? count(n) : n.toFixed(n >= 10 ? 1 : 2));
const ratio = (n: number): string => (!Number.isFinite(n) ? 'n/a' : `${n >= 10 ? n.toFixed(0) : n.toFixed(2)}×`);
const check = (ok: boolean): string => (ok ? '✅' : '❌');

/** Milliseconds, to a precision that suits their size. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  return `${value >= 10 ? value.toFixed(0) : value.toFixed(1)} ms`;
}

const table = (head: readonly string[], rows: readonly (readonly string[])[]): string =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

const size = (c: { targets: number; processes: number }): string => `${c.targets} × ${c.processes}`;
const load = (r: LoadResult): string[] => [rate(r.requestsPerSecond), ms(r.p50Ms), ms(r.p99Ms)];

function matrix(cells: readonly ScrapeCellResult[]): string {
  return table(
    ['targets × processes', 'series', 'body', 'gzip body', 'req/s', 'p50', 'p99', 'req/s (gzip)', 'p50 (gzip)', 'p99 (gzip)', 'RSS idle', 'RSS after load'],
    cells.map((c) => [size(c), count(c.series), kib(c.bytes), kib(c.gzipBytes), ...load(c.exporter.plain), ...load(c.exporter.gzip), mib(c.idle.rssBytes), mib(c.loaded.rssBytes)]),
  );
}

function sideBySide(c: ScrapeCellResult): string {
  const peers = c.peers;
  if (peers === undefined) return '';
  const rows: string[][] = [];
  for (const encoding of ['plain', 'gzip'] as const) {
    const go = peers.pushgateway[encoding];
    const floor = peers.static[encoding];
    for (const [name, r] of [['exporter', c.exporter[encoding]], ['Pushgateway (Go)', go], ['static Buffer (node:http)', floor]] as const) {
      rows.push([name, encoding, ...load(r), ratio(r.requestsPerSecond / go.requestsPerSecond), ratio(go.p99Ms / r.p99Ms), ratio(r.requestsPerSecond / floor.requestsPerSecond), count(r.errors)]);
    }
  }
  return table(['server', 'encoding', 'req/s', 'p50', 'p99', 'req/s vs Pushgateway', 'Pushgateway p99 ÷ p99', 'req/s vs static', 'errors'], rows);
}

/** The issue's targets with the measured value and whether it is met. */
function targets(report: BenchReport): string {
  const c = report.comparison;
  const rows: string[][] = [];
  if (c.peers !== undefined) {
    for (const encoding of ['plain', 'gzip'] as const) {
      const ex = c.exporter[encoding];
      const go = c.peers.pushgateway[encoding];
      const floor = c.peers.static[encoding];
      rows.push(
        [`scrape req/s ≥ 10× Pushgateway (${encoding})`, ratio(ex.requestsPerSecond / go.requestsPerSecond), check(ex.requestsPerSecond >= 10 * go.requestsPerSecond)],
        [`scrape req/s within 2× of static Buffer (${encoding})`, `${ratio(floor.requestsPerSecond / ex.requestsPerSecond)} slower`, check(ex.requestsPerSecond * 2 >= floor.requestsPerSecond)],
        [`scrape p99 ≤ 1/5 of Pushgateway's (${encoding})`, `${ms(ex.p99Ms)} vs ${ms(go.p99Ms)}`, check(ex.p99Ms * 5 <= go.p99Ms)],
      );
    }
  }
  const lc = report.loadChurn;
  rows.push(
    ['event-loop lag p99 < 20 ms under flat-out scrapes and polls', `${ms(lc.lag.p99Ms)}${lc.delay === undefined ? '' : ` (raw delay ${ms(lc.delay.p99Ms)})`}`, check(lc.lag.p99Ms < 20)],
    ['polls keep their schedule (≥ 90 % of expected)', `${count(lc.polls.actual)} of ${count(lc.polls.expected)}`, check(lc.polls.actual >= 0.9 * lc.polls.expected)],
  );
  return table(['target (at the side-by-side size)', 'measured', 'met'], rows);
}

function loadChurn(report: BenchReport): string {
  const r = report.loadChurn;
  return table(
    ['scrapes/s (gzip)', 'scrape p99', 'event-loop lag p50 / p99 / max', 'raw delay p50 / p99 / max (10 ms timer)', 'GC pauses: count, longest, total', 'polls done / expected', 'fewest per target', 'poll duration median / max', 'RSS start → end', 'heap start → end', 'series start → end'],
    [[
      rate(r.scrapesPerSecond),
      ms(r.scrapeP99Ms),
      `${ms(r.lag.p50Ms)} / ${ms(r.lag.p99Ms)} / ${ms(r.lag.maxMs)}`,
      r.delay === undefined ? '-' : `${ms(r.delay.p50Ms)} / ${ms(r.delay.p99Ms)} / ${ms(r.delay.maxMs)}`,
      r.gc === undefined ? '-' : `${count(r.gc.count)}, ${ms(r.gc.maxMs)}, ${ms(r.gc.totalMs)}`,
      `${count(r.polls.actual)} / ${count(r.polls.expected)}`,
      `${r.polls.fewestPerTarget.toFixed(1)} / ${(r.durationSeconds / r.pollIntervalSeconds).toFixed(1)}`,
      `${ms(r.pollSeconds.median * 1000)} / ${ms(r.pollSeconds.max * 1000)}`,
      `${mib(r.start.rssBytes)} → ${mib(r.end.rssBytes)}`,
      `${mib(r.start.heapUsedBytes)} → ${mib(r.end.heapUsedBytes)}`,
      `${count(r.start.series)} → ${count(r.end.series)}`,
    ]],
  );
}

function upstream(report: BenchReport): string {
  return table(
    ['list items carry status', 'pages per poll', 'first cycle: list / get / history requests', 'first cycle: connections, span', 'steady: requests per poll', 'steady: connections per poll', 'steady: requests per connection', 'steady: status poll (exporter)', 'steady: span at Guidewire'],
    report.upstream.map((u) => {
      const steady = u.steady.list + u.steady.get + u.steady.history;
      return [
        String(u.listIncludesStatus),
        count(u.pagesPerPoll),
        `${count(u.first.list)} / ${count(u.first.get)} / ${count(u.first.history)}`,
        `${count(u.first.connections)}, ${ms(u.first.spanSeconds * 1000)}`,
        count(steady),
        count(u.steady.connections),
        u.steady.connections === 0 ? 'all (kept alive from the previous poll)' : rate(steady / u.steady.connections),
        ms(u.steady.pollSeconds * 1000),
        ms(u.steady.spanSeconds * 1000),
      ];
    }),
  );
}

function startup(report: BenchReport): string {
  return table(
    ['targets × processes', 'spawn → listening', 'spawn → first /metrics with every process'],
    report.startup.map((s) => [size(s), ms(s.listeningMs), ms(s.firstDataMs)]),
  );
}

/** The whole report: machine, issue targets, then one section per scenario. */
export function renderReport(report: BenchReport, machine: Machine, command: string): string {
  const p = report.plan;
  const c = report.comparison;
  const lc = report.loadChurn;
  const up = p.upstream;
  const reps = (n: number): string => (n > 1 ? `median of ${n} runs` : 'one run');
  return [
    `Benchmark \`${p.name}\` (\`${command}\`), ${report.seconds.toFixed(0)} s. Machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${mib(machine.memoryBytes)}, Node.js ${machine.node}, ${machine.wrk}, ${machine.pushgateway}; 1-minute load average ${report.loadAverage.start.toFixed(2)} at the start, ${report.loadAverage.end.toFixed(2)} at the end.`,
    `### Targets from the issue\n\n${targets(report)}`,
    `### Scrapes side by side: ${size(c)} (${count(c.series)} series; Pushgateway ${count(c.peers?.pushgatewaySeries ?? Number.NaN)})\n\nwrk, 1 thread, 2 connections, ${p.comparisonSeconds} s per run, ${reps(p.comparisonRepetitions)}, runs interleaved.\n\n${sideBySide(c)}`,
    `### Scrape cost by size (exporter alone)\n\nwrk, 1 thread, 2 connections, ${p.cellSeconds} s per run, ${reps(p.cellRepetitions)}; the last row is the side-by-side run.\n\n${matrix(report.cells)}`,
    `### Flat-out scrapes while polls land and processes churn: ${size(lc)}, ${lc.durationSeconds} s, poll and history interval ${lc.pollIntervalSeconds} s\n\n${loadChurn(report)}`,
    `### What a poll costs Guidewire: 1 target × ${up.processes} processes, ${up.delayMs} ms per request, concurrency 4, list pages of 100 (the simulator's default 25, maximum 100)\n\nSteady figures: ${up.cycles > 1 ? `median of the ${up.cycles} cycles` : 'the cycle'} after the first. Poll interval ${up.pollIntervalSeconds} s.\n\n${upstream(report)}`,
    `### Start-up (${reps(p.startup.repetitions)})\n\n${startup(report)}`,
  ].join('\n\n');
}
