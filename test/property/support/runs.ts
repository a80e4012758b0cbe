import type { Parameters } from 'fast-check';

/**
 * Shared fast-check settings. The seed is fixed so that every run (local and CI) explores the same
 * cases; a failure prints `seed`, `path` and the shrunk counterexample, and re-running with
 * `FC_SEED=<seed>` reproduces it. `FC_RUNS_FACTOR=10` explores ten times as many cases (slower).
 */
export const seed = Number(process.env['FC_SEED'] ?? 0x6_77_65);
const factor = Number(process.env['FC_RUNS_FACTOR'] ?? 1);

/** Parameters for `fc.assert` with the shared seed and `numRuns` scaled by `FC_RUNS_FACTOR`. */
export function runs<T>(numRuns: number): Parameters<T> {
  return { seed, numRuns: Math.max(1, Math.round(numRuns * factor)) };
}
