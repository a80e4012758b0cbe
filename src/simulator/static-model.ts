import type { RawBatchProcess, SimulatorModel } from './types.js';

/** A model whose JSON the caller controls exactly; time is ignored. */
export interface StaticModel extends SimulatorModel {
  /** Adds a process, or replaces the one with the same code (keeping its position). */
  set(process: RawBatchProcess): void;
  /** Removes a process by code; unknown codes are ignored. */
  remove(code: string): void;
}

/**
 * Creates a model that serves `processes` as given, in insertion order, until changed with
 * `set`/`remove`. Tests use it to pin the exact JSON the simulator returns.
 */
export function createStaticModel(processes: readonly RawBatchProcess[] = []): StaticModel {
  const byCode = new Map<string, RawBatchProcess>();
  for (const p of processes) byCode.set(p.type.code, p);
  return {
    list: () => [...byCode.values()],
    get: (code) => byCode.get(code),
    set: (p) => {
      byCode.set(p.type.code, p);
    },
    remove: (code) => {
      byCode.delete(code);
    },
  };
}
