import type { RawBatchProcess, RawProcessHistory, SimulatorModel } from './types.js';

/** A model whose JSON the caller controls exactly; time is ignored. */
export interface StaticModel extends SimulatorModel {
  /** Adds a process, or replaces the one with the same code (keeping its position). */
  set(process: RawBatchProcess): void;
  /** Removes a process by code; unknown codes are ignored. Its histories are kept for when it comes back. */
  remove(code: string): void;
  /** Replaces the run history of `code` (served only while a process with that code exists). */
  setHistories(code: string, rows: readonly RawProcessHistory[]): void;
  /** Appends one run to the history of `code`. */
  addHistory(code: string, row: RawProcessHistory): void;
}

/**
 * Creates a model that serves `processes` as given, in insertion order, until changed with
 * `set`/`remove`. Tests use it to pin the exact JSON the simulator returns. Histories are empty
 * until set with `setHistories`/`addHistory`; the server sorts them, so any order will do.
 */
export function createStaticModel(processes: readonly RawBatchProcess[] = []): StaticModel {
  const byCode = new Map<string, RawBatchProcess>();
  const historiesByCode = new Map<string, RawProcessHistory[]>();
  for (const p of processes) byCode.set(p.type.code, p);
  return {
    list: () => [...byCode.values()],
    get: (code) => byCode.get(code),
    histories: (code) => (byCode.has(code) ? [...(historiesByCode.get(code) ?? [])] : undefined),
    set: (p) => {
      byCode.set(p.type.code, p);
    },
    remove: (code) => {
      byCode.delete(code);
    },
    setHistories: (code, rows) => {
      historiesByCode.set(code, [...rows]);
    },
    addHistory: (code, row) => {
      historiesByCode.set(code, [...(historiesByCode.get(code) ?? []), row]);
    },
  };
}
