import fc from 'fast-check';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SegmentCompressor } from '../../src/metrics/gzip-join.js';
import { runs } from './support/runs.js';

const bytes = fc.uint8Array({ maxLength: 2_000 }).map((array) => Buffer.from(array));
const now = async (): Promise<void> => undefined;

describe('gzip members joined from cached segments', () => {
  it('gives a gzip member every reader accepts when sections reuse earlier chunks in any order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(bytes, { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 12 }), fc.nat(), async (chunks, order, cut) => {
        const compressor = new SegmentCompressor();
        // Each section is a new arrangement of the same chunk objects: their segments are reused, and
        // the CRC run of a section that starts as the previous one did (the same chunks up to `cut`).
        const tail = order.slice(cut % (order.length + 1));
        for (const picks of [order, [...order].reverse(), [...order.slice(0, cut % (order.length + 1)), ...tail.reverse()], order]) {
          const section = picks.map((i) => chunks[i % chunks.length] as Buffer);
          const rest = Buffer.from('own 1\n');
          const body = Buffer.concat(compressor.member(await compressor.prefix(section, now), rest));
          expect(gunzipSync(body)).toEqual(Buffer.concat([...section, rest]));
        }
      }),
      runs(300),
    );
  });

  it('holds across parts of several megabytes and a tail that changes under the same prefix', async () => {
    const compressor = new SegmentCompressor();
    const big = Buffer.alloc(5 * 1024 * 1024 + 3, 'guidewire_up{target="x"} 1\n');
    const head = Buffer.from('# HELP\n');
    const prefix = await compressor.prefix([head, big], now);
    for (const rest of [Buffer.from('own 1\n'), Buffer.from('own 2\n'), Buffer.alloc(0)]) {
      expect(gunzipSync(Buffer.concat(compressor.member(prefix, rest))).equals(Buffer.concat([head, big, rest]))).toBe(true);
    }
  });
});
