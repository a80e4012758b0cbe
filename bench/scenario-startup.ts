/**
 * Start-up: from spawning `node dist/cli.js` to the exporter listening, and to the first /metrics
 * answer that shows every process of every target. Repeated against one fleet; medians.
 */
import { startExporterProcess } from './exporter-process.js';
import { startFleet } from './fleet.js';
import { median } from './stats.js';
import type { BenchTools } from './tools.js';

export interface StartupOptions {
  readonly targets: number;
  readonly processes: number;
  readonly repetitions: number;
}

export interface StartupResult extends StartupOptions {
  readonly listeningMs: number;
  readonly firstDataMs: number;
}

/** Runs the scenario; everything it starts is stopped before it resolves. */
export async function runStartup(tools: BenchTools, options: StartupOptions): Promise<StartupResult> {
  const fleet = await startFleet({ targets: options.targets, processes: options.processes });
  const listening: number[] = [];
  const data: number[] = [];
  try {
    for (let rep = 0; rep < options.repetitions; rep++) {
      const exporter = await startExporterProcess({ cliPath: tools.cliPath, probePath: tools.probePath, targets: fleet.targets, pollInterval: '60s' });
      try {
        listening.push(exporter.listeningMs);
        data.push(await exporter.waitForProcesses(options.targets * options.processes));
      } finally {
        await exporter.stop();
      }
    }
  } finally {
    await fleet.close();
  }
  return { ...options, listeningMs: median(listening), firstDataMs: median(data) };
}
