import { describe, expect, it } from 'vitest';
import { defaults } from '../../../src/config/types.js';
import { InvalidResponseError, LimitExceededError, pollErrorReason } from '../../../src/errors.js';
import { IssueTally, truncateValue } from '../../../src/guidewire/item-issues.js';
import { parseBatchProcessPage, parseBatchProcessResource } from '../../../src/guidewire/parse.js';
import { parseHistoryPage } from '../../../src/guidewire/parse-history.js';

const listEndpoint = '/rest/systemtools/v1/batch-processes';
const limits = { ...defaults.limits, maxCodeLength: 10, maxNameLength: 20, maxTextLength: 30, maxPageItems: 4 };
const item = (code: string, extra: Record<string, unknown> = {}): unknown => ({ attributes: { type: { code, name: `${code} name` }, distributed: false, ...extra } });

describe('truncateValue', () => {
  it('quotes a short value whole and a long one as its first 64 characters and its length', () => {
    expect(truncateValue('ActivityEsc')).toBe('"ActivityEsc"');
    expect(truncateValue('x'.repeat(64))).toBe(`"${'x'.repeat(64)}"`);
    expect(truncateValue('y'.repeat(3_000_000))).toBe(`"${'y'.repeat(64)}"… (3000000 chars)`);
  });
});

describe('IssueTally', () => {
  it('counts every item of a cause, keeps three examples, and merges pages with a prefix', () => {
    const tally = new IssueTally();
    for (let i = 0; i < 10; i++) tally.add('data[]: expected an object', false, `item ${i}`);
    const other = new IssueTally();
    other.add('data[]: expected an object', false, 'item 0', 5);
    other.add('too long', true, 'item 1');
    tally.addAll(other.list(), 'page 2, ');
    expect(tally.list()).toEqual([
      { cause: 'data[]: expected an object', limit: false, count: 15, examples: ['item 0', 'item 1', 'item 2'] },
      { cause: 'too long', limit: true, count: 1, examples: ['page 2, item 1'] },
    ]);
  });
});

describe('length limits in the list', () => {
  it('rejects only the item whose code, name or text is too long, counted as a limit with the value truncated', () => {
    const huge = 'A'.repeat(100_000);
    const page = parseBatchProcessPage(
      {
        data: [
          item('Ok1'),
          item(huge),
          { attributes: { type: { code: 'LongName', name: 'n'.repeat(21) }, distributed: false } },
          item('Ok2', { status: { failureReason: 'f'.repeat(31) } }),
        ],
      },
      listEndpoint,
      limits,
    );
    expect(page.items.map((p) => p.code)).toEqual(['Ok1']);
    expect(page.invalid).toEqual([
      { cause: 'data[].attributes.type.code: longer than max_code_length (10 characters)', limit: true, count: 1, examples: [`item 1: ${truncateValue(huge)}`] },
      { cause: 'data[].attributes.type.name: longer than max_name_length (20 characters)', limit: true, count: 1, examples: [`item 2: "${'n'.repeat(21)}"`] },
      { cause: 'data[].attributes.status.failureReason: longer than max_text_length (30 characters)', limit: true, count: 1, examples: [`item 3: "${'f'.repeat(31)}"`] },
    ]);
    expect(JSON.stringify(page.invalid).length).toBeLessThan(1_000);
  });

  it('accepts values exactly at the limit, and a bare code string is bounded too', () => {
    const page = parseBatchProcessPage({ data: [item('c'.repeat(10)), { attributes: { type: 'd'.repeat(11), distributed: false } }] }, listEndpoint, limits);
    expect(page.items.map((p) => p.code)).toEqual(['c'.repeat(10)]);
    expect(page.invalid.map((i) => i.cause)).toEqual(['data[].attributes.type: longer than max_code_length (10 characters)']);
  });

  it('drops the items of a page past max_page_items, keeping the first ones in order', () => {
    const data = Array.from({ length: 9 }, (_, i) => item(`P${i}`));
    const page = parseBatchProcessPage({ data }, listEndpoint, limits);
    expect(page.items.map((p) => p.code)).toEqual(['P0', 'P1', 'P2', 'P3']);
    expect(page.invalid).toEqual([
      { cause: 'more than max_page_items (4) items in one page; the rest of the page is dropped', limit: true, count: 5, examples: ['items 4 to 8'] },
    ]);
  });

  it('the single-type GET throws LimitExceededError (reason limit_exceeded) with the value truncated', () => {
    const parse = () => parseBatchProcessResource({ data: { attributes: { type: { code: 'B'.repeat(5000) }, distributed: false } } }, `${listEndpoint}/X`, limits);
    expect(parse).toThrow(LimitExceededError);
    expect(parse).toThrow(`${listEndpoint}/X: limit exceeded: data.attributes.type.code: longer than max_code_length (10 characters): "${'B'.repeat(64)}"… (5000 chars)`);
    expect(pollErrorReason(new LimitExceededError('x', 'y'))).toBe('limit_exceeded');
    expect(pollErrorReason(new InvalidResponseError('x', 'y'))).toBe('invalid_response');
  });
});

describe('limits in a run history page', () => {
  it('bounds run ids by max_code_length and the page by max_page_items', () => {
    const run = (id: string) => ({ id, dateCreated: '2026-11-28T09:00:00.000Z' });
    const page = parseHistoryPage({ data: [run('r1'), run('x'.repeat(11)), run('r3'), run('r4'), run('r5'), run('r6')] }, '/h', limits);
    expect(page.items.map((r) => r.id)).toEqual(['r1', 'r3', 'r4']);
    expect(page.invalid.map((i) => [i.cause, i.count])).toEqual([
      ['data[].id: longer than max_code_length (10 characters)', 1],
      ['more than max_page_items (4) items in one page; the rest of the page is dropped', 2],
    ]);
  });
});
