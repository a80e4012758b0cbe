import fc from 'fast-check';
import { crc32, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32Combine } from '../../src/metrics/crc32-combine.js';
import { SegmentCompressor } from '../../src/metrics/gzip-join.js';
import { runs } from './support/runs.js';

const bytes = fc.uint8Array({ maxLength: 2_000 }).map((array) => Buffer.from(array));
const now = async (): Promise<void> => undefined;

describe('CRC-32 of a concatenation from its parts', () => {
  it('equals zlib.crc32 over the joined bytes, for any split', () => {
    fc.assert(
      fc.property(bytes, bytes, (a, b) => {
        expect(crc32Combine(crc32(a), crc32(b), b.length)).toBe(crc32(Buffer.concat([a, b])) >>> 0);
      }),
      runs(2_000),
    );
  });

  it('holds across a part of several megabytes (lengths past 2^20 and 2^22)', () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 3, 'guidewire_up{target="x"} 1\n');
    const head = Buffer.from('# HELP\n');
    expect(crc32Combine(crc32(head), crc32(big), big.length)).toBe(crc32(Buffer.concat([head, big])) >>> 0);
    expect(crc32Combine(crc32(head), 0, 0)).toBe(crc32(head) >>> 0);
  });

  it('gives a gzip member every reader accepts when sections reuse earlier chunks in any order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(bytes, { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 12 }), async (chunks, order) => {
        const compressor = new SegmentCompressor();
        // Each section is a new arrangement of the same chunk objects: their CRCs and segments are reused.
        for (const picks of [order, [...order].reverse()]) {
          const section = picks.map((i) => chunks[i % chunks.length] as Buffer);
          const rest = Buffer.from('own 1\n');
          const body = Buffer.concat(compressor.member(await compressor.prefix(section, now), rest));
          expect(gunzipSync(body)).toEqual(Buffer.concat([...section, rest]));
        }
      }),
      runs(300),
    );
  });
});
