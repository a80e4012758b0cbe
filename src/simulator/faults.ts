import type { Fault } from './types.js';

/** Injected faults, matched by request path in the order they were added. */
export interface FaultList {
  add(fault: Fault): void;
  clear(): void;
  /** The first active fault matching `path`, consuming one of its `times`; `undefined` when none matches. */
  take(path: string): Fault | undefined;
}

function matches(fault: Fault, path: string): boolean {
  return typeof fault.path === 'string' ? fault.path === path : new RegExp(fault.path.source, fault.path.flags.replace(/[gy]/g, '')).test(path);
}

/** Creates an empty fault list. */
export function createFaultList(): FaultList {
  // Each entry keeps its own remaining count so the caller's Fault object is never mutated.
  let entries: { fault: Fault; remaining: number }[] = [];
  return {
    add(fault) {
      entries.push({ fault, remaining: fault.times ?? Number.POSITIVE_INFINITY });
    },
    clear() {
      entries = [];
    },
    take(path) {
      const entry = entries.find((e) => e.remaining > 0 && matches(e.fault, path));
      if (entry === undefined) return undefined;
      entry.remaining -= 1;
      if (entry.remaining <= 0) entries = entries.filter((e) => e !== entry);
      return entry.fault;
    },
  };
}
