import { IssueTally, type ItemIssue } from '../guidewire/item-issues.js';
import type { HistoryPageRequest, ProcessHistory, ProcessHistoryPage } from '../guidewire/types.js';
import type { SeenIds } from './seen-ids.js';

/** The order of a history collection; the docs leave it open, so it is learned from the dates. */
export type HistoryOrder = 'newest-first' | 'oldest-first';

/** What the reader remembers about one process's history between reads. */
export interface ReaderState {
  readonly order?: HistoryOrder;
  /** Collection size at the last read (to start near the end of an oldest-first collection). */
  readonly total?: number;
  /** Size of a full page, learned from a page that had a next one. */
  readonly pageSize?: number;
  readonly seen: SeenIds;
}

export interface ReadOptions {
  /** Page cap per read, so a misbehaving server cannot make a read endless. */
  readonly maxPages: number;
  /** With no known run to stop at (the first read), stop once this says the runs found suffice. */
  readonly enough?: (runs: readonly ProcessHistory[]) => boolean;
  /**
   * False when the collection takes no `pageOffset`/`includeTotal` (its definition, or a 400, said so): pages
   * are then only read by following `links.next`. Default true.
   */
  readonly offsets?: boolean;
}

export interface ReadResult {
  /** Runs not seen before, newest first; `runs[0]` is the newest run of the collection. */
  readonly runs: readonly ProcessHistory[];
  /** The state to keep for the next read (without the new ids: the caller adds what it accounted for). */
  readonly state: Omit<ReaderState, 'seen'>;
  readonly requests: number;
  /** Items rejected on the pages read, per cause. */
  readonly invalid: readonly ItemIssue[];
}

export type FetchPage = (request: HistoryPageRequest) => Promise<ProcessHistoryPage>;

const when = (run: ProcessHistory): number | undefined => run.dateCreated ?? run.startDate ?? run.dateCompleted;

/** Learns the order from a page's first and last dated items. Pure. */
export function detectOrder(items: readonly ProcessHistory[]): HistoryOrder | undefined {
  const times = items.map(when).filter((t): t is number => t !== undefined);
  const first = times[0];
  const last = times[times.length - 1];
  if (first === undefined || last === undefined || first === last) return undefined;
  return first > last ? 'newest-first' : 'oldest-first';
}

/** One read of one process's history: the pages fetched and the unseen runs collected. */
class ReadSession {
  readonly runs: ProcessHistory[] = [];
  readonly invalid = new IssueTally();
  requests = 0;
  readonly #ids = new Set<string>();
  readonly #fetchPage: FetchPage;
  readonly #seen: SeenIds;
  readonly #options: ReadOptions;

  constructor(fetchPage: FetchPage, seen: SeenIds, options: ReadOptions) {
    this.#fetchPage = fetchPage;
    this.#seen = seen;
    this.#options = options;
  }

  get canFetch(): boolean {
    return this.requests < this.#options.maxPages && this.#options.enough?.(this.runs) !== true;
  }

  async fetch(request: HistoryPageRequest): Promise<ProcessHistoryPage> {
    this.requests++;
    const page = await this.#fetchPage(request);
    this.invalid.addAll(page.invalid, this.requests === 1 ? '' : `request ${this.requests}, `);
    return page;
  }

  /** Takes runs from a newest-first sequence until a known one; true when it met one. */
  take(newestFirst: readonly ProcessHistory[]): boolean {
    for (const run of newestFirst) {
      if (this.#seen.has(run.id)) return true;
      if (this.#ids.has(run.id)) continue; // pages fetched by offset may overlap
      this.#ids.add(run.id);
      this.runs.push(run);
    }
    return false;
  }

  /** Oldest-first, read before: pages from the last known run to the end. Undefined if that run is gone. */
  async fromPreviousEnd(total: number): Promise<number | undefined> {
    const page = await this.fetch({ offset: total - 1, includeTotal: true });
    const first = page.items[0];
    if (first === undefined || !this.#seen.has(first.id)) return undefined;
    const rest = await this.#toEnd(page);
    return rest.last.total ?? total - 1 + rest.count;
  }

  /** Reads the pages after `first` to the end (or the page cap) and takes all their runs, newest first. */
  async #toEnd(first: ProcessHistoryPage): Promise<{ count: number; last: ProcessHistoryPage }> {
    const items = [...first.items];
    let page = first;
    while (page.nextPath !== undefined && this.requests < this.#options.maxPages) {
      page = await this.fetch({ path: page.nextPath });
      // A loop, not push(...items): spreading a page of 130,000 runs overflows the stack.
      for (const item of page.items) items.push(item);
    }
    this.take(items.reverse());
    return { count: items.length, last: page };
  }

  /** Oldest-first: pages from the end backwards, until a known run. */
  async backwards(total: number, pageSize: number): Promise<void> {
    for (let offset = Math.max(0, total - pageSize); this.canFetch; offset = Math.max(0, offset - pageSize)) {
      const page = await this.fetch({ offset, includeTotal: true });
      if (this.take([...page.items].reverse()) || offset === 0) return;
    }
  }

  /** Pages forward from `first` until a known run; `reverse` for a one-page oldest-first collection. */
  async forward(first: ProcessHistoryPage, reverse: boolean): Promise<void> {
    let page = first;
    let stopped = this.take(reverse ? [...page.items].reverse() : page.items);
    while (!stopped && page.nextPath !== undefined && this.canFetch) {
      page = await this.fetch({ path: page.nextPath });
      stopped = this.take(page.items);
    }
  }

  /** Oldest-first without a total: the whole collection, then read from its newest end. */
  async everything(first: ProcessHistoryPage): Promise<number> {
    return (await this.#toEnd(first)).count;
  }
}

/**
 * Reads the runs of one process that are not in `state.seen`, with as few requests as the API allows:
 * a newest-first collection from its first page until a known run (one request when fewer than a page
 * of runs are new); an oldest-first one from its previous end (one request unless history was purged),
 * else from the end backwards using `total`. At most `maxPages` pages per read.
 */
export async function readNewRuns(fetchPage: FetchPage, state: ReaderState, options: ReadOptions): Promise<ReadResult> {
  const session = new ReadSession(fetchPage, state.seen, options);
  const result = (order: HistoryOrder | undefined, total: number | undefined, pageSize: number | undefined): ReadResult => {
    // The next oldest-first read starts at the newest run accounted for: runs still going at the newest
    // end are not remembered as seen, so the anchor sits just before them.
    const pending = session.runs.findIndex((run) => run.dateCompleted !== undefined);
    const anchor = total === undefined ? undefined : total - (pending === -1 ? session.runs.length : pending);
    return {
      runs: session.runs,
      state: { ...(order === undefined ? {} : { order }), ...(anchor === undefined ? {} : { total: anchor }), ...(pageSize === undefined ? {} : { pageSize }) },
      requests: session.requests,
      invalid: session.invalid.list(),
    };
  };

  const offsets = options.offsets ?? true;
  if (offsets && state.order === 'oldest-first' && state.total !== undefined && state.total > 0) {
    const total = await session.fromPreviousEnd(state.total);
    if (total !== undefined) return result('oldest-first', total, state.pageSize);
  }
  const first = await session.fetch(offsets ? { includeTotal: state.order !== 'newest-first' } : {});
  const full = first.nextPath !== undefined;
  const pageSize = full ? first.items.length : state.pageSize;
  let order = state.order ?? detectOrder(first.items);
  if (order === undefined && first.nextPath !== undefined) {
    // One page cannot show the order (one item, or equal dates): compare with the next page.
    const second = await session.fetch({ path: first.nextPath });
    order = detectOrder([...first.items, ...second.items]);
  }
  // Only an order seen in the dates is remembered; a guess would be kept wrong for good.
  const remembered = order;
  order ??= full ? 'newest-first' : undefined;
  if (order === 'oldest-first' && full) {
    if (!offsets || first.total === undefined || pageSize === undefined) return result(remembered, await session.everything(first), pageSize);
    await session.backwards(first.total, pageSize);
    return result(remembered, first.total, pageSize);
  }
  await session.forward(first, order === 'oldest-first');
  return result(remembered, first.total ?? (full ? undefined : first.items.length), pageSize);
}
