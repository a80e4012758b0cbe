/**
 * The benchmark: which scenarios run at which sizes and for how long (a plan), and running a plan into
 * one report. `npm run bench` runs FULL_PLAN, `npm run bench:quick` QUICK_PLAN; the CI smoke test runs
 * a smaller plan still. See docs/performance.md.
 */
import { loadavg } from 'node:os';
import { runLoadChurn, type LoadChurnOptions, type LoadChurnResult } from './scenario-load-churn.js';
import { runScrapeCell, type ScrapeCellResult } from './scenario-scrape.js';
import { runStartup, type StartupResult } from './scenario-startup.js';
import { runUpstream, type UpstreamOptions, type UpstreamResult } from './scenario-upstream.js';
import type { BenchTools } from './tools.js';

export interface Size {
  readonly targets: number;
  readonly processes: number;
}

export interface BenchPlan {
  readonly name: string;
  /** Sizes whose scrape cost is measured on the exporter alone. */
  readonly cells: readonly Size[];
  /** The size measured side by side with the Pushgateway and the static buffer. */
  readonly comparison: Size;
  readonly cellSeconds: number;
  readonly cellRepetitions: number;
  readonly comparisonSeconds: number;
  readonly comparisonRepetitions: number;
  readonly loadChurn: LoadChurnOptions;
  /** Run once per API mode (list items with and without status). */
  readonly upstream: Omit<UpstreamOptions, 'listIncludesStatus'>;
  readonly startup: { readonly sizes: readonly Size[]; readonly repetitions: number };
}

const large: Size = { targets: 20, processes: 250 };

/** About ten minutes on two cores. */
export const FULL_PLAN: BenchPlan = {
  name: 'full',
  cells: [1, 10, 20].flatMap((targets) => [20, 250].map((processes) => ({ targets, processes }))).filter((s) => s.targets !== 20 || s.processes !== 250),
  comparison: large,
  cellSeconds: 5,
  cellRepetitions: 3,
  comparisonSeconds: 15,
  comparisonRepetitions: 3,
  loadChurn: { ...large, durationSeconds: 60, pollIntervalSeconds: 5 },
  upstream: { processes: 250, delayMs: 50, pollIntervalSeconds: 5, cycles: 3 },
  startup: { sizes: [{ targets: 1, processes: 20 }, large], repetitions: 3 },
};

/** The same tables in a couple of minutes: a few seconds per run, 1×20 and 20×250 only, no repetitions. */
export const QUICK_PLAN: BenchPlan = {
  name: 'quick',
  cells: [{ targets: 1, processes: 20 }],
  comparison: large,
  cellSeconds: 3,
  cellRepetitions: 1,
  comparisonSeconds: 3,
  comparisonRepetitions: 1,
  loadChurn: { ...large, durationSeconds: 5, pollIntervalSeconds: 2 },
  upstream: { processes: 250, delayMs: 50, pollIntervalSeconds: 4, cycles: 1 },
  startup: { sizes: [{ targets: 1, processes: 20 }, large], repetitions: 1 },
};

export interface BenchReport {
  readonly plan: BenchPlan;
  /** Every size, the comparison's last (the exporter's figures are the same there). */
  readonly cells: readonly ScrapeCellResult[];
  readonly comparison: ScrapeCellResult;
  readonly loadChurn: LoadChurnResult;
  readonly upstream: readonly UpstreamResult[];
  readonly startup: readonly StartupResult[];
  readonly seconds: number;
  /** 1-minute load averages at the start and the end: other work on the machine skews the figures. */
  readonly loadAverage: { readonly start: number; readonly end: number };
}

/** Runs every scenario of `plan` in turn; `log` hears what is being measured. */
export async function runBench(tools: BenchTools, plan: BenchPlan, log: (line: string) => void = () => undefined): Promise<BenchReport> {
  const started = performance.now();
  const loadStart = loadavg()[0] ?? Number.NaN;
  const cells: ScrapeCellResult[] = [];
  for (const size of plan.cells) {
    log(`scrape: ${size.targets} × ${size.processes}`);
    cells.push(await runScrapeCell(tools, { ...size, durationSeconds: plan.cellSeconds, repetitions: plan.cellRepetitions, peers: false }));
  }
  log(`scrape side by side: ${plan.comparison.targets} × ${plan.comparison.processes}`);
  const comparison = await runScrapeCell(tools, { ...plan.comparison, durationSeconds: plan.comparisonSeconds, repetitions: plan.comparisonRepetitions, peers: true });
  cells.push(comparison);
  log(`load and churn: ${plan.loadChurn.targets} × ${plan.loadChurn.processes}, ${plan.loadChurn.durationSeconds} s`);
  const loadChurn = await runLoadChurn(tools, plan.loadChurn);
  const upstream: UpstreamResult[] = [];
  // 'when-asked': list items carry status only through fields=*all, which the definition declares.
  for (const listIncludesStatus of [true, false, 'when-asked'] as const) {
    log(`upstream cost: listIncludesStatus=${listIncludesStatus}`);
    upstream.push(await runUpstream(tools, { ...plan.upstream, listIncludesStatus }));
  }
  const startup: StartupResult[] = [];
  for (const size of plan.startup.sizes) {
    log(`start-up: ${size.targets} × ${size.processes}`);
    startup.push(await runStartup(tools, { ...size, repetitions: plan.startup.repetitions }));
  }
  return { plan, cells, comparison, loadChurn, upstream, startup, seconds: (performance.now() - started) / 1000, loadAverage: { start: loadStart, end: loadavg()[0] ?? Number.NaN } };
}
