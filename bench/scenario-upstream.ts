/**
 * What a poll costs Guidewire: one target of `processes` batch processes answering every request after
 * `delayMs`, in one API mode (list items with or without their status). Each poll is cut out exactly:
 * polls never overlap and history reads ride at the end of the status poll, so everything between two
 * first-page list requests belongs to one poll cycle.
 */
import { startExporterProcess } from './exporter-process.js';
import { sampleValues } from './exposition.js';
import { startFleet, type UpstreamCounts } from './fleet.js';
import { median, sleep } from './stats.js';
import type { BenchTools } from './tools.js';

export interface UpstreamOptions {
  readonly processes: number;
  readonly listIncludesStatus: boolean | 'when-asked';
  readonly delayMs: number;
  readonly pollIntervalSeconds: number;
  /** Steady-state cycles measured after the first one. */
  readonly cycles: number;
}

export interface CycleCost {
  readonly list: number;
  readonly get: number;
  readonly history: number;
  /** TCP connections Guidewire accepted during the cycle. */
  readonly connections: number;
  /** From the first request of the cycle arriving to its last answer, as Guidewire sees it (s). */
  readonly spanSeconds: number;
  /** guidewire_poll_duration_seconds: the status poll alone, as the exporter measured it. */
  readonly pollSeconds: number;
}

export interface UpstreamResult extends Omit<UpstreamOptions, 'cycles'> {
  readonly pagesPerPoll: number;
  /** The first cycle after start-up: status poll plus the first history read of every process. */
  readonly first: CycleCost;
  /** Medians over the steady cycles. */
  readonly steady: CycleCost;
  /** Every cycle measured, the first one first. */
  readonly cycles: readonly CycleCost[];
}

interface Boundary {
  readonly at: number;
  readonly counts: UpstreamCounts;
  readonly lastAnswerAt: number;
  pollSeconds: number;
}

/** Runs the scenario; everything it starts is stopped before it resolves. */
export async function runUpstream(tools: BenchTools, options: UpstreamOptions): Promise<UpstreamResult> {
  const boundaries: Boundary[] = [];
  let listCalls = 0;
  let lastAnswerAt = 0;
  let pages = 1;
  let onPollStart = (): void => undefined;
  const fleet = await startFleet({
    targets: 1,
    processes: options.processes,
    listIncludesStatus: options.listIncludesStatus,
    delayMs: options.delayMs,
    // The model is asked after the injected delay, so this is the moment an answer goes out.
    onAnswer: (kind) => {
      if (kind === 'list' && listCalls++ % pages === 0) onPollStart();
      lastAnswerAt = performance.now();
    },
  });
  pages = Math.ceil(options.processes / fleet.pageSize);
  const target = fleet.targets[0];
  if (target === undefined) throw new Error('no target');
  try {
    const exporter = await startExporterProcess({ cliPath: tools.cliPath, probePath: tools.probePath, targets: fleet.targets, pollInterval: `${options.pollIntervalSeconds}s` });
    try {
      onPollStart = () => {
        const counts = fleet.counts(target);
        // This first page is counted already; it belongs to the next cycle.
        const boundary: Boundary = { at: performance.now(), counts: { ...counts, list: counts.list - 1 }, lastAnswerAt, pollSeconds: Number.NaN };
        boundaries.push(boundary);
        // The previous status poll is over: its duration is on /metrics now.
        void exporter.scrape().then(
          (text) => void (boundary.pollSeconds = sampleValues(text, 'guidewire_poll_duration_seconds')[0] ?? Number.NaN),
          () => undefined,
        );
      };
      // Cycle k runs from boundary k to k+1; the first boundary is the first poll's first page.
      while (boundaries.length < options.cycles + 2) await sleep(50);
      await sleep(200);
    } finally {
      await exporter.stop();
    }
  } finally {
    await fleet.close();
  }
  const cycles: CycleCost[] = [];
  for (let k = 0; k + 1 < boundaries.length; k++) {
    const from = boundaries[k] as Boundary;
    const to = boundaries[k + 1] as Boundary;
    cycles.push({
      list: to.counts.list - from.counts.list,
      get: to.counts.get - from.counts.get,
      history: to.counts.history - from.counts.history,
      connections: to.counts.connections - from.counts.connections,
      spanSeconds: (to.lastAnswerAt - from.at + options.delayMs) / 1000,
      pollSeconds: to.pollSeconds,
    });
  }
  const [first, ...steady] = cycles;
  const mid = (pick: (c: CycleCost) => number): number => median(steady.map(pick));
  return {
    processes: options.processes,
    listIncludesStatus: options.listIncludesStatus,
    delayMs: options.delayMs,
    pollIntervalSeconds: options.pollIntervalSeconds,
    pagesPerPoll: pages,
    first: first as CycleCost,
    steady: {
      list: mid((c) => c.list),
      get: mid((c) => c.get),
      history: mid((c) => c.history),
      connections: mid((c) => c.connections),
      spanSeconds: mid((c) => c.spanSeconds),
      pollSeconds: mid((c) => c.pollSeconds),
    },
    cycles,
  };
}
