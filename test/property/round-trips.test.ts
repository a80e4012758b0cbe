import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/config/duration.js';
import { parseProgress } from '../../src/guidewire/progress.js';
import { runs } from './support/runs.js';

const unitMs = { y: 31_536_000_000, w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000, ms: 1 } as const;
type Unit = keyof typeof unitMs;
const unitOrder = Object.keys(unitMs) as Unit[];

/** Whole milliseconds across the range durations are used in, up to the largest one parseDuration accepts. */
const milliseconds = fc.oneof(
  fc.integer({ min: 0, max: 10_000 }),
  fc.integer({ min: 0, max: 7 * 86_400_000 }),
  fc.integer({ min: 0, max: 1_000 * unitMs.y }),
  fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  fc.constantFrom(0, 1, 999, 1_000, 60_000, 3_600_000, unitMs.d, unitMs.w, unitMs.y, 8 * unitMs.d, 90 * unitMs.d, Number.MAX_SAFE_INTEGER),
);

describe('durations', () => {
  it('parseDuration(formatDuration(ms)) === ms for whole milliseconds', () => {
    fc.assert(
      fc.property(milliseconds, (ms) => {
        const text = formatDuration(ms);
        expect(text).toMatch(/^(?:\d+y)?(?:\d+w)?(?:\d+d)?(?:\d+h)?(?:\d+m)?(?:\d+s)?(?:\d+ms)?$/);
        expect(parseDuration(text)).toBe(ms);
      }),
      runs(5_000),
    );
  });

  it('formatDuration is canonical: formatting what it parsed gives the same text back', () => {
    fc.assert(
      fc.property(milliseconds, (ms) => {
        const text = formatDuration(ms);
        expect(formatDuration(parseDuration(text) ?? Number.NaN)).toBe(text);
      }),
      runs(1_000),
    );
  });

  it('parseDuration sums the units of any well-formed duration (units in order, each at most once)', () => {
    fc.assert(
      fc.property(fc.subarray(unitOrder, { minLength: 1 }), fc.array(fc.nat(1_000), { minLength: 7, maxLength: 7 }), (units, counts) => {
        const text = units.map((u, i) => `${counts[i] ?? 0}${u}`).join('');
        const expected = units.reduce((sum, u, i) => sum + (counts[i] ?? 0) * unitMs[u], 0);
        expect(parseDuration(text)).toBe(expected);
      }),
      runs(2_000),
    );
  });

  it('parseDuration never throws, and returns undefined or a safe non-negative integer', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[0-9ywdhms.+\- ]{0,12}$/)), (text) => {
        const ms = parseDuration(text);
        if (ms !== undefined) {
          expect(Number.isSafeInteger(ms)).toBe(true);
          expect(ms).toBeGreaterThanOrEqual(0);
        }
      }),
      runs(2_000),
    );
  });
});

describe('progress', () => {
  const safe = fc.oneof(fc.nat(1_000), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }));
  const space = fc.stringMatching(/^[ \t]{1,3}$/);

  it('parseProgress reads back "N out of M" for any safe N and M, whatever the spacing and case', () => {
    fc.assert(
      fc.property(safe, safe, space, space, fc.constantFrom('out of', 'OUT OF', 'Out Of'), fc.constantFrom('', ' ', '\t'), (done, total, a, b, words, pad) => {
        const [out, of] = words.split(' ');
        expect(parseProgress(`${pad}${done}${a}${out}${b}${of}${a}${total}${pad}`)).toEqual({ done, total });
      }),
      runs(2_000),
    );
  });

  it('parseProgress gives undefined rather than a wrong number for anything else', () => {
    const token = fc.constantFrom('1', '0', '007', '12', '99999999999999999999', ' ', '  ', '\t', '\n', 'out', 'of', 'OUT', 'Of', '-', '.', '+', 'x', '/', 'items');
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 24 }), fc.array(token, { maxLength: 8 }).map((t) => t.join(''))), (text) => {
        const parsed = parseProgress(text);
        if (parsed === undefined) return;
        // Whatever parses is two safe integers around "out of", and nothing else.
        expect(Number.isSafeInteger(parsed.done) && Number.isSafeInteger(parsed.total)).toBe(true);
        expect((text.match(/\d+/g) ?? []).map(Number)).toEqual([parsed.done, parsed.total]);
        expect(text.replace(/\d+/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase()).toBe('out of');
      }),
      runs(3_000),
    );
  });
});
