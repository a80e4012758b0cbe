import { firstCount, isObject, type JsonObject, type Mutable } from './parse-fields.js';
import type { WorkQueueStatus } from './types.js';

/**
 * The field names inside `workQueueStatus` are not documented for the REST API (an Unknown in
 * ../../../shared/guidewire-api.md). The older SOAP API had `numActiveExecutors`, `numActiveWorkItems`
 * and `executors[]` whose tasks counted items checked out, processed, failed and skipped, so each
 * field is looked up under the names it plausibly has; whatever is absent stays absent.
 */
const taskFields = {
  itemsProcessed: ['processed', 'numProcessed', 'itemsProcessed', 'numItemsProcessed'],
  itemsFailed: ['failed', 'numFailed', 'itemsFailed', 'numItemsFailed'],
  itemsSkipped: ['skipped', 'numSkipped', 'itemsSkipped', 'numItemsSkipped'],
  itemsCheckedOut: ['checkedOut', 'numCheckedOut', 'itemsCheckedOut', 'numItemsCheckedOut'],
} as const;

const queueFields = { activeExecutors: ['numActiveExecutors', 'activeExecutors'], activeWorkItems: ['numActiveWorkItems', 'activeWorkItems'] } as const;

/**
 * The `workQueueStatus` field names (as `schema-summary` lists them: `executors[].tasks.processed`) that this
 * parser maps to nothing: what a definition declares that the metrics do not show. Pure.
 */
export function unmappedWorkQueueFields(names: readonly string[]): string[] {
  const known = new Set<string>([...Object.values(queueFields).flat(), 'executors', 'executors[].running', 'executors[].tasks']);
  for (const aliases of Object.values(taskFields)) {
    for (const name of aliases) known.add(`executors[].tasks.${name}`).add(`executors[].tasks[].${name}`).add(`executors[].${name}`);
  }
  return names.filter((name) => !known.has(name));
}

/** Task counter objects of an executor: `tasks` as one object or a list of them, or the executor itself. */
function taskObjects(executor: JsonObject): JsonObject[] {
  const tasks = executor.tasks;
  if (Array.isArray(tasks)) return tasks.filter(isObject);
  if (isObject(tasks)) return [tasks];
  return [executor];
}

/** Maps `workQueueStatus` in either naming style, summing executors' task counters. Never throws. */
export function parseWorkQueueStatus(value: unknown): WorkQueueStatus {
  if (!isObject(value)) return {};
  const out: Mutable<WorkQueueStatus> = {};
  const activeExecutors = firstCount(value, queueFields.activeExecutors);
  const activeWorkItems = firstCount(value, queueFields.activeWorkItems);
  if (activeExecutors !== undefined) out.activeExecutors = activeExecutors;
  if (activeWorkItems !== undefined) out.activeWorkItems = activeWorkItems;
  if (!Array.isArray(value.executors)) return out;
  const executors = value.executors.filter(isObject);
  out.executors = executors.length;
  if (executors.some((e) => typeof e.running === 'boolean')) out.runningExecutors = executors.filter((e) => e.running === true).length;
  for (const [field, names] of Object.entries(taskFields) as [keyof typeof taskFields, readonly string[]][]) {
    let sum: number | undefined;
    for (const tasks of executors.flatMap(taskObjects)) {
      const n = firstCount(tasks, names);
      if (n !== undefined) sum = (sum ?? 0) + n;
    }
    if (sum !== undefined) out[field] = sum;
  }
  return out;
}
