import { describe, expect, it } from 'vitest';
import type { HistoryPageRequest, ProcessHistory, ProcessHistoryPage } from '../../../src/guidewire/types.js';
import { detectOrder, readNewRuns, type HistoryOrder, type ReaderState } from '../../../src/history/reader.js';
import { SeenIds } from '../../../src/history/seen-ids.js';

/** A history collection served in pages like Guidewire's, with offsets, `total` and next links. */
function collection(order: HistoryOrder, pageSize = 5) {
  const runs: ProcessHistory[] = []; // oldest first
  const requests: HistoryPageRequest[] = [];
  let created = 0;
  const serve = (offset: number, includeTotal: boolean): ProcessHistoryPage => {
    const ordered = order === 'newest-first' ? [...runs].reverse() : runs;
    const items = ordered.slice(offset, offset + pageSize);
    const next = offset + pageSize < ordered.length ? { nextPath: `/h?pageOffset=${offset + pageSize}` } : {};
    return { items, invalid: [], ...(includeTotal ? { total: ordered.length } : {}), ...next };
  };
  return {
    runs,
    requests,
    add(n: number) {
      for (let i = 0; i < n; i++) {
        const k = created++;
        runs.push({ id: `run-${k}`, dateCreated: 1_000_000 + k * 60_000, dateCompleted: 1_000_000 + k * 60_000 + 5_000, ranToCompletion: true });
      }
    },
    purge(n: number) {
      runs.splice(0, n);
    },
    fetch: async (request: HistoryPageRequest): Promise<ProcessHistoryPage> => {
      requests.push(request);
      if (request.path !== undefined) return serve(Number(/pageOffset=(\d+)/.exec(request.path)?.[1] ?? 0), false);
      return serve(request.offset ?? 0, request.includeTotal === true);
    },
  };
}

/** Reads, then remembers every run read as seen, as the tracker does. */
async function read(c: ReturnType<typeof collection>, state: ReaderState, maxPages = 20) {
  c.requests.length = 0;
  const result = await readNewRuns(c.fetch, state, { maxPages });
  const next: ReaderState = { ...result.state, seen: state.seen.add(result.runs.map((r) => r.id).reverse()) };
  return { ids: result.runs.map((r) => r.id), requests: result.requests, next };
}

describe.each(['newest-first', 'oldest-first'] as const)('readNewRuns over a %s collection', (order) => {
  it('reads everything on the first read, then only new runs, newest first', async () => {
    const c = collection(order);
    c.add(12);
    let r = await read(c, { seen: new SeenIds() });
    expect(r.ids).toEqual(Array.from({ length: 12 }, (_, i) => `run-${11 - i}`));
    expect(r.next.order).toBe(order);
    c.add(2);
    r = await read(c, r.next);
    expect(r.ids).toEqual(['run-13', 'run-12']);
    expect(r.requests).toBe(1);
    r = await read(c, r.next);
    expect(r.ids).toEqual([]);
    expect(r.requests).toBe(1);
  });

  it('pages on until it reaches known runs when more than a page is new', async () => {
    const c = collection(order);
    c.add(7);
    let r = await read(c, { seen: new SeenIds() });
    c.add(11);
    r = await read(c, r.next);
    expect(r.ids).toEqual(Array.from({ length: 11 }, (_, i) => `run-${17 - i}`));
    expect(r.requests).toBeLessThanOrEqual(order === 'newest-first' ? 3 : 4);
  });

  it('copes with old runs being purged between reads', async () => {
    const c = collection(order);
    c.add(12);
    let r = await read(c, { seen: new SeenIds() });
    c.purge(6);
    c.add(3);
    r = await read(c, r.next);
    expect(r.ids).toEqual(['run-14', 'run-13', 'run-12']);
  });

  it('respects the page cap', async () => {
    const c = collection(order, 2);
    c.add(30);
    const r = await read(c, { seen: new SeenIds() }, 3);
    expect(r.requests).toBe(3);
    expect(r.ids[0]).toBe('run-29');
  });
});

describe('readNewRuns, request counts', () => {
  it('needs one request per read for a newest-first collection, and asks for no total', async () => {
    const c = collection('newest-first');
    c.add(40);
    let r = await read(c, { seen: new SeenIds() }, 1);
    c.add(1);
    r = await read(c, r.next);
    expect(c.requests).toEqual([{ includeTotal: false }]);
    expect(r.ids).toEqual(['run-40']);
  });

  it('needs one request per read for an oldest-first collection once its end is known', async () => {
    const c = collection('oldest-first');
    c.add(40);
    let r = await read(c, { seen: new SeenIds() });
    c.add(2);
    r = await read(c, r.next);
    expect(c.requests).toEqual([{ offset: 39, includeTotal: true }]);
    expect(r.ids).toEqual(['run-41', 'run-40']);
  });

  it('reads on from its previous end through pages of 150,000 runs without overflowing the stack', async () => {
    const c = collection('oldest-first', 150_000);
    c.add(300_000);
    const result = await readNewRuns(c.fetch, { order: 'oldest-first', total: 1, seen: new SeenIds().add(['run-0']) }, { maxPages: 5 });
    expect(result.requests).toBe(2);
    expect(result.runs).toHaveLength(299_999);
    expect(result.runs[0]?.id).toBe('run-299999');
  });

  it('stops a first read early once the caller has enough', async () => {
    const c = collection('newest-first', 5);
    c.add(40);
    const result = await readNewRuns(c.fetch, { seen: new SeenIds() }, { maxPages: 10, enough: (runs) => runs.length >= 7 });
    expect(result.requests).toBe(2);
  });
});

describe('readNewRuns: newest first until the dates say otherwise', () => {
  /** Undated runs (no dateCreated, startDate or dateCompleted), served in pages of 5 in the given order. */
  const undated = (ids: readonly string[]) => async (request: HistoryPageRequest): Promise<ProcessHistoryPage> => {
    const offset = request.path === undefined ? (request.offset ?? 0) : Number(/pageOffset=(\d+)/.exec(request.path)?.[1] ?? 0);
    const items = ids.slice(offset, offset + 5).map((id) => ({ id }));
    return { items, invalid: [], ...(offset + 5 < ids.length ? { nextPath: `/h?pageOffset=${offset + 5}` } : {}) };
  };

  it('takes undated pages as newest first, as Guidewire\'s example lists them, without remembering the guess', async () => {
    const ids = Array.from({ length: 8 }, (_, i) => `run-${7 - i}`);
    const result = await readNewRuns(undated(ids), { seen: new SeenIds() }, { maxPages: 10 });
    expect(result.runs.map((r) => r.id)).toEqual(ids);
    expect(result.state.order).toBeUndefined();
  });

  it('learns oldest first from the dates on a later read although the first read could not tell', async () => {
    const c = collection('oldest-first');
    c.add(7);
    const first = await readNewRuns(undated(['a', 'b', 'c', 'd', 'e', 'f']), { seen: new SeenIds() }, { maxPages: 10 });
    expect(first.state.order).toBeUndefined();
    const later = await read(c, { ...first.state, seen: new SeenIds() });
    expect(later.next.order).toBe('oldest-first');
    expect(later.ids[0]).toBe('run-6');
  });
});

describe('detectOrder', () => {
  it('reads the order from dates and refuses to guess without two distinct ones', () => {
    expect(detectOrder([{ id: 'a', dateCreated: 2 }, { id: 'b', dateCreated: 1 }])).toBe('newest-first');
    expect(detectOrder([{ id: 'a', startDate: 1 }, { id: 'b', startDate: 2 }])).toBe('oldest-first');
    expect(detectOrder([{ id: 'a', dateCreated: 1 }])).toBeUndefined();
    expect(detectOrder([{ id: 'a' }, { id: 'b' }])).toBeUndefined();
  });
});

describe('SeenIds', () => {
  it('keeps only the newest ids up to its capacity', () => {
    let seen = new SeenIds([], 3);
    seen = seen.add(['a', 'b', 'c', 'd']);
    expect(seen.size).toBe(3);
    expect(seen.has('a')).toBe(false);
    expect(seen.has('d')).toBe(true);
    expect(seen.add(['d'])).toBe(seen);
  });
});
