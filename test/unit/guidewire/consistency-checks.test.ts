import { describe, expect, it } from 'vitest';
import { defaults } from '../../../src/config/types.js';
import { InvalidResponseError } from '../../../src/errors.js';
import { enoughChecksRead, latestFinishedCheck, parseConsistencyCheckPage } from '../../../src/guidewire/consistency-checks.js';

const endpoint = '/pc/rest/systemtools/v1/database-consistency-checks';
const t = (iso: string): number => Date.parse(iso);

/** A check run as Guidewire documents it, with `overrides` merged in. */
const check = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'cc:303',
  description: 'Database consistency checks',
  startTime: '2026-12-06T02:00:00.000Z',
  endTime: '2026-12-06T02:14:30.500Z',
  duration: '870.5',
  errors: 3,
  totalChecks: 212,
  key: 'whatever',
  ...overrides,
});

describe('parseConsistencyCheckPage', () => {
  it('reads id, startTime, endTime, duration (seconds as a string), errors and totalChecks, in attributes or bare', () => {
    const expected = { id: 'cc:303', startTime: t('2026-12-06T02:00:00.000Z'), endTime: t('2026-12-06T02:14:30.500Z'), durationSeconds: 870.5, errors: 3, totalChecks: 212 };
    const page = parseConsistencyCheckPage({ count: 2, data: [{ attributes: check(), links: {} }, check({ id: 'cc:304' })], links: { next: { href: '/systemtools/v1/database-consistency-checks?pageOffset=2' } } }, endpoint);
    expect(page.items).toEqual([expected, { ...expected, id: 'cc:304' }]);
    expect(page.invalid).toEqual([]);
    expect(page.nextHref).toBe('/systemtools/v1/database-consistency-checks?pageOffset=2');
  });

  it('reads a running check (no endTime, no duration) and tolerates numbers for duration and strings for counts', () => {
    const page = parseConsistencyCheckPage({ data: [check({ endTime: undefined, duration: null, errors: '0', totalChecks: '17' }), check({ id: 'cc:2', duration: 12 })] }, endpoint);
    expect(page.items[0]).toEqual({ id: 'cc:303', startTime: t('2026-12-06T02:00:00.000Z'), errors: 0, totalChecks: 17 });
    expect(page.items[1]?.durationSeconds).toBe(12);
  });

  it('rejects bad items under their cause, with a count, and keeps the others', () => {
    const page = parseConsistencyCheckPage(
      {
        data: [
          check(),
          check({ id: '' }),
          check({ id: 42 }),
          check({ endTime: 'yesterday' }),
          check({ duration: 'ten minutes' }),
          check({ errors: -1 }),
          check({ errors: 1.5 }),
          check({ totalChecks: 'many' }),
          'not an object',
          check({ id: 'x'.repeat(300) }),
        ],
      },
      endpoint,
    );
    expect(page.items.map((item) => item.id)).toEqual(['cc:303']);
    const causes = Object.fromEntries(page.invalid.map((issue) => [issue.cause, issue.count]));
    expect(causes).toEqual({
      'data[].id: expected a non-empty string': 1,
      'data[].id: expected a string': 1,
      'data[].endTime: expected an ISO-8601 date-time': 1,
      'data[].duration: expected seconds (a non-negative number or numeric string)': 1,
      'data[].errors: expected a non-negative integer': 2,
      'data[].totalChecks: expected a non-negative integer': 1,
      'data[]: expected an object': 1,
      'data[].id: longer than max_code_length (256 characters)': 1,
    });
    expect(page.invalid.find((issue) => issue.cause.includes('max_code_length'))?.limit).toBe(true);
  });

  it('bounds a page by max_page_items', () => {
    const data = Array.from({ length: 5 }, (_, i) => check({ id: `cc:${i}` }));
    const page = parseConsistencyCheckPage({ data }, endpoint, { ...defaults.limits, maxPageItems: 3 });
    expect(page.items).toHaveLength(3);
    expect(page.invalid).toMatchObject([{ limit: true, count: 2 }]);
  });

  it.each([
    ['not an object', '"garbage"'],
    ['no data array', { data: 'nope' }],
    ['a bad next link', { data: [], links: { next: { href: 7 } } }],
  ])('throws InvalidResponseError for %s', (_what, json) => {
    expect(() => parseConsistencyCheckPage(json, endpoint)).toThrow(InvalidResponseError);
  });
});

describe('latestFinishedCheck', () => {
  it('takes the greatest endTime, never a running check however new', () => {
    const runs = [
      { id: 'running', startTime: 50 },
      { id: 'old', startTime: 1, endTime: 10 },
      { id: 'latest', startTime: 20, endTime: 30, errors: 4 },
      { id: 'middle', startTime: 12, endTime: 19 },
    ];
    expect(latestFinishedCheck(runs)).toEqual({ id: 'latest', startTime: 20, endTime: 30, errors: 4 });
    expect(latestFinishedCheck([{ id: 'running', startTime: 50 }])).toBeUndefined();
    expect(latestFinishedCheck([])).toBeUndefined();
  });
});

describe('enoughChecksRead', () => {
  it('is true for a newest-first page holding a finished run', () => {
    expect(enoughChecksRead([{ id: 'c', startTime: 30 }, { id: 'b', startTime: 20, endTime: 25 }, { id: 'a', startTime: 10, endTime: 15 }])).toBe(true);
  });

  it('is false when the dates say otherwise, when nothing finished, or when a lone run cannot tell the order', () => {
    expect(enoughChecksRead([{ id: 'a', startTime: 10, endTime: 15 }, { id: 'b', startTime: 20, endTime: 25 }])).toBe(false);
    expect(enoughChecksRead([{ id: 'b', startTime: 20 }, { id: 'a', startTime: 10 }])).toBe(false);
    expect(enoughChecksRead([{ id: 'a', startTime: 10, endTime: 15 }])).toBe(false);
    expect(enoughChecksRead([])).toBe(false);
  });
});
