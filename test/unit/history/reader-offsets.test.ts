import { describe, expect, it } from 'vitest';
import type { HistoryPageRequest, ProcessHistory, ProcessHistoryPage } from '../../../src/guidewire/types.js';
import { readNewRuns, type FetchPage } from '../../../src/history/reader.js';
import { SeenIds } from '../../../src/history/seen-ids.js';

/** A collection served in `order`, pages of 10 linked by `links.next` only: an offset or a total is refused. */
function linksOnly(runs: () => readonly ProcessHistory[], order: 'newest-first' | 'oldest-first'): { fetch: FetchPage; requests: HistoryPageRequest[] } {
  const requests: HistoryPageRequest[] = [];
  const fetch: FetchPage = async (request) => {
    requests.push(request);
    if (request.offset !== undefined || request.includeTotal === true) throw new Error(`refused: ${JSON.stringify(request)}`);
    const all = order === 'oldest-first' ? [...runs()] : [...runs()].reverse();
    const start = request.path === undefined ? 0 : Number(request.path.split('=')[1]);
    const page: ProcessHistoryPage = { items: all.slice(start, start + 10), invalid: [] };
    return start + 10 < all.length ? { ...page, nextPath: `/h?pageToken=${start + 10}` } : page;
  };
  return { fetch, requests };
}

const run = (k: number): ProcessHistory => ({ id: `ab:${k}`, dateCreated: 1_000_000 + k * 60_000, startDate: 1_000_000 + k * 60_000 + 5, dateCompleted: 1_000_000 + k * 60_000 + 50 });

describe.each(['newest-first', 'oldest-first'] as const)('reading a %s history that takes no pageOffset or includeTotal', (order) => {
  it('follows links.next only, and finds exactly the new runs on the next read', async () => {
    let runs = Array.from({ length: 25 }, (_, k) => run(k));
    const { fetch, requests } = linksOnly(() => runs, order);
    const first = await readNewRuns(fetch, { seen: new SeenIds() }, { maxPages: 20, offsets: false });
    expect(first.runs.map((r) => r.id)).toEqual(Array.from({ length: 25 }, (_, k) => `ab:${24 - k}`));
    expect(requests.every((r) => r.offset === undefined && r.includeTotal !== true)).toBe(true);

    runs = [...runs, run(25)];
    const seen = new SeenIds().add(first.runs.map((r) => r.id).reverse());
    const second = await readNewRuns(fetch, { ...first.state, seen }, { maxPages: 20, offsets: false });
    expect(second.runs.map((r) => r.id)).toEqual(['ab:25']);
    expect(requests.every((r) => r.offset === undefined && r.includeTotal !== true)).toBe(true);
  });
});
