import fc from 'fast-check';
import type { Json } from './json.js';

/**
 * Models of the documented System Tools API payloads (../../../../shared/guidewire-api.md) and their
 * JSON. A model keeps the numbers the JSON was built from, so a test can compare what the exporter
 * exposes with what Guidewire said.
 */

/** Milliseconds of an ISO date the API could send: 1990 to 2100. */
export const epochMs = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) });

/** ISO-8601 with milliseconds, in UTC (`Z`, as documented) or with an explicit offset. */
export function formatIso(ms: number, offsetMinutes: number): string {
  if (offsetMinutes === 0) return new Date(ms).toISOString();
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, -1);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** A date as the model (ms) and as sent (text). */
export interface DateModel {
  readonly ms: number;
  readonly text: string;
}
export const isoDate: fc.Arbitrary<DateModel> = fc
  .tuple(epochMs, fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -14 * 60, max: 14 * 60 }) }))
  .map(([ms, offset]) => ({ ms, text: formatIso(ms, offset) }));

export const count = fc.oneof(fc.nat(100), fc.nat(), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }));

/** `progress` text: `"N out of M"` (with spacing/case variants), numbers too large to be safe, or anything. */
export type ProgressModel = { readonly text: string; readonly done?: number; readonly total?: number };
export const progress: fc.Arbitrary<ProgressModel> = fc.oneof(
  fc
    .tuple(count, count, fc.constantFrom(' ', '  ', '\t'), fc.constantFrom('out of', 'OUT OF', 'Out  Of'), fc.constantFrom('', ' ', '\n'))
    .map(([done, total, gap, words, pad]) => ({ text: `${pad}${done}${gap}${words}${gap}${total}${pad}`, done, total })),
  fc.tuple(fc.nat(1_000), fc.nat(1_000)).map(([done, total]) => ({ text: `${done} out of ${total}`, done, total })),
  fc.constantFrom('99999999999999999999 out of 3', '1 out of 99999999999999999999').map((text) => ({ text })),
  fc.string({ maxLength: 20 }).filter((s) => !/out\s+of/i.test(s)).map((text) => ({ text })),
);

export interface StatusModel {
  readonly dateCreated?: DateModel;
  readonly startDate?: DateModel;
  readonly dateCompleted?: DateModel;
  readonly opsCompleted?: number;
  readonly opsExpected?: number;
  readonly failedOps?: number;
  readonly progress?: ProgressModel;
  readonly failureReason?: string;
  readonly serverId?: string;
}

const serverId = fc.stringMatching(/^[0-9a-f]{12}$/);
const failureReason = fc.oneof(fc.constant('This batch process type has never run'), fc.string({ minLength: 1, maxLength: 30 }));

/** The three documented ProcessStatus shapes, a just-started run, and any subset of their fields. */
export const statusModel: fc.Arbitrary<StatusModel> = fc.oneof(
  // Completed (with or without a failure reason).
  fc.record(
    { dateCreated: isoDate, startDate: isoDate, dateCompleted: isoDate, opsCompleted: count, failedOps: count, serverId, failureReason },
    { requiredKeys: ['dateCreated', 'startDate', 'dateCompleted', 'opsCompleted', 'failedOps', 'serverId'] },
  ),
  // Running.
  fc.record({ dateCreated: isoDate, startDate: isoDate, opsCompleted: count, opsExpected: count, failedOps: count, progress, serverId }),
  // Never run.
  fc.constant({ failureReason: 'This batch process type has never run' }),
  // Just started.
  fc.record({ dateCreated: isoDate, failedOps: count, opsCompleted: count, serverId }),
  // Anything in between.
  fc.record(
    { dateCreated: isoDate, startDate: isoDate, dateCompleted: isoDate, opsCompleted: count, opsExpected: count, failedOps: count, progress, failureReason, serverId },
    { requiredKeys: [] },
  ),
);

export interface WorkQueueModel {
  readonly activeExecutors?: number;
  readonly activeWorkItems?: number;
  readonly executors?: readonly { readonly running?: boolean; readonly tasks: readonly Partial<Record<'processed' | 'failed' | 'skipped' | 'checkedOut', number>>[] }[];
  /** Old (SOAP) or short field names. */
  readonly style: 'num' | 'plain';
}

const taskCounts = fc.record(
  { processed: fc.nat(1_000), failed: fc.nat(1_000), skipped: fc.nat(1_000), checkedOut: fc.nat(1_000) },
  { requiredKeys: [] },
);
export const workQueueModel: fc.Arbitrary<WorkQueueModel> = fc.record(
  {
    activeExecutors: fc.nat(50),
    activeWorkItems: fc.nat(10_000),
    executors: fc.array(fc.record({ running: fc.boolean(), tasks: fc.array(taskCounts, { minLength: 1, maxLength: 3 }) }, { requiredKeys: ['tasks'] }), { maxLength: 4 }),
    style: fc.constantFrom('num', 'plain'),
  },
  { requiredKeys: ['style'] },
);

export interface ProcessModel {
  readonly code: string;
  /** Display name as sent; absent or empty means "use the code". */
  readonly name?: string;
  readonly distributed?: boolean;
  readonly status?: StatusModel;
  readonly workQueue?: WorkQueueModel;
}

/** Type codes as Guidewire spells them, and strange ones. */
export const typeCode = fc.oneof(
  fc.constantFrom('ActivityEsc', 'Workflow', 'ClaimException', 'PolicyRenewalStart', 'Invoice', 'ProcessHistoryPurge'),
  fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,20}$/),
  fc.string({ minLength: 1, maxLength: 16 }),
);
export const displayName = fc.oneof(fc.constantFrom('Activity Escalation', 'Workflow Writer', ''), fc.string({ maxLength: 24 }));

export function processModel(code: fc.Arbitrary<string> = typeCode, name: fc.Arbitrary<string> = displayName): fc.Arbitrary<ProcessModel> {
  return fc.record(
    { code, name, distributed: fc.boolean(), status: statusModel, workQueue: workQueueModel },
    { requiredKeys: ['code'] },
  );
}

export function statusJson(s: StatusModel, code: string): Json {
  const out: Record<string, Json> = { type: code };
  if (s.dateCreated !== undefined) out['dateCreated'] = s.dateCreated.text;
  if (s.startDate !== undefined) out['startDate'] = s.startDate.text;
  if (s.dateCompleted !== undefined) out['dateCompleted'] = s.dateCompleted.text;
  if (s.opsCompleted !== undefined) out['opsCompleted'] = s.opsCompleted;
  if (s.opsExpected !== undefined) out['opsExpected'] = s.opsExpected;
  if (s.failedOps !== undefined) out['failedOps'] = s.failedOps;
  if (s.progress !== undefined) out['progress'] = s.progress.text;
  if (s.failureReason !== undefined) out['failureReason'] = s.failureReason;
  if (s.serverId !== undefined) out['serverId'] = s.serverId;
  return out;
}

export function workQueueJson(w: WorkQueueModel): Json {
  const prefix = (name: string): string => (w.style === 'num' ? `num${name[0]?.toUpperCase()}${name.slice(1)}` : name);
  const out: Record<string, Json> = {};
  if (w.activeExecutors !== undefined) out[prefix('activeExecutors')] = w.activeExecutors;
  if (w.activeWorkItems !== undefined) out[prefix('activeWorkItems')] = w.activeWorkItems;
  if (w.executors !== undefined) {
    out['executors'] = w.executors.map((e) => ({
      serverId: 'abc',
      ...(e.running === undefined ? {} : { running: e.running }),
      tasks: e.tasks.length === 1 ? { ...e.tasks[0] } : e.tasks.map((t) => ({ ...t })),
    }));
  }
  return out;
}

/** `attributes` of a BatchProcess. */
export function attributesJson(p: ProcessModel): Json {
  const out: Record<string, Json> = { type: p.name === undefined ? { code: p.code } : { code: p.code, name: p.name } };
  if (p.distributed !== undefined) out['distributed'] = p.distributed;
  if (p.status !== undefined) out['status'] = statusJson(p.status, p.code);
  if (p.workQueue !== undefined) out['workQueueStatus'] = workQueueJson(p.workQueue);
  return out;
}

/** `GET /batch-processes/{type}`. */
export const resourceJson = (p: ProcessModel): Json => ({
  data: { attributes: attributesJson(p), checksum: '0', links: { self: { href: `/systemtools/v1/batch-processes/${p.code}`, methods: ['get'] } } },
});

/** One page of `GET /batch-processes`. */
export const listPageJson = (items: readonly Json[], next?: string): Json => ({
  count: items.length,
  data: [...items],
  links: { self: { href: '/systemtools/v1/batch-processes' }, ...(next === undefined ? {} : { next: { href: next } }) },
});

export const listItemJson = (p: ProcessModel): Json => ({ attributes: attributesJson(p), checksum: '0', links: {} });

export interface HistoryModel {
  readonly id: string;
  readonly dateCreated?: DateModel;
  readonly startDate?: DateModel;
  readonly dateCompleted?: DateModel;
  readonly opsCompleted?: number;
  readonly failedOps?: number;
  readonly ranToCompletion?: boolean;
  readonly internalFailure?: boolean;
  readonly scheduled?: boolean;
  /** Fields inside `attributes` (Cloud API resource) or at the top level. */
  readonly wrapped: boolean;
}

export const historyModel: fc.Arbitrary<HistoryModel> = fc.record(
  {
    id: fc.oneof(fc.stringMatching(/^ab:[A-Za-z0-9]{21}$/), fc.string({ minLength: 1, maxLength: 10 })),
    dateCreated: isoDate,
    startDate: isoDate,
    dateCompleted: isoDate,
    opsCompleted: count,
    failedOps: count,
    ranToCompletion: fc.boolean(),
    internalFailure: fc.boolean(),
    scheduled: fc.boolean(),
    wrapped: fc.boolean(),
  },
  { requiredKeys: ['id', 'wrapped'] },
);

export function historyItemJson(h: HistoryModel): Json {
  const fields: Record<string, Json> = { id: h.id, type: 'ActivityEsc', description: 'Activity Escalation', serverId: 'abc', leaseId: '7d1f1d5e-8f0e-4c47-9b7f-3b2d1a0c9e11' };
  for (const key of ['dateCreated', 'startDate', 'dateCompleted'] as const) {
    const d = h[key];
    if (d !== undefined) fields[key] = d.text;
  }
  for (const key of ['opsCompleted', 'failedOps', 'ranToCompletion', 'internalFailure', 'scheduled'] as const) {
    const v = h[key];
    if (v !== undefined) fields[key] = v;
  }
  return h.wrapped ? { attributes: fields, links: {} } : fields;
}

export const historyPageJson = (items: readonly Json[], total?: number, next?: string): Json => ({
  count: items.length,
  ...(total === undefined ? {} : { total }),
  data: [...items],
  links: { self: { href: '/systemtools/v1/batch-processes/ActivityEsc/histories' }, ...(next === undefined ? {} : { next: { href: next } }) },
});
