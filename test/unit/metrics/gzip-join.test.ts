import { randomBytes } from 'node:crypto';
import { gunzipSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deflateSegments, SegmentCompressor } from '../../../src/metrics/gzip-join.js';

/** A final empty stored block closes a raw deflate stream whose blocks end on a flush. */
const closing = Buffer.from([0x03, 0x00]);
const lines = (n: number, tag: string): Buffer =>
  Buffer.from(Array.from({ length: n }, (_, i) => `guidewire_batch_process_ops_completed{target="${tag}",batch_process="P${i}"} ${i * 7}\n`).join(''));

describe('deflate segments through one stream', () => {
  it('gives one self-contained segment per chunk, large outputs included', async () => {
    // Output larger than zlib's 16 KiB chunks, incompressible data, an empty chunk, a repeat.
    const chunks = [lines(20_000, 'a'), randomBytes(200_000), Buffer.alloc(0), lines(3, 'b'), lines(20_000, 'a')];
    const segments = await deflateSegments(chunks);
    expect(segments).toHaveLength(chunks.length);
    // Buffer.equals: a deep toEqual over megabytes takes vitest many seconds.
    segments.forEach((segment, i) => expect(inflateRawSync(Buffer.concat([segment, closing])).equals(chunks[i] as Buffer)).toBe(true));
  });

  it('joins the segments of several sections in any order into one valid gzip member', async () => {
    const compressor = new SegmentCompressor();
    const [a, b, c] = [lines(5_000, 'a'), lines(10, 'b'), randomBytes(70_000)];
    for (const section of [[a, b, c], [c, b, a], [b, b, a]]) {
      const rest = Buffer.from('own_metric 1\n');
      const body = Buffer.concat(compressor.member(await compressor.prefix(section, async () => undefined), rest));
      expect(gunzipSync(body).equals(Buffer.concat([...section, rest]))).toBe(true);
    }
  });

  it('reads for the CRC only the chunks from the first that changed on, yielding to the event loop as it goes', async () => {
    const compressor = new SegmentCompressor();
    const section = Array.from({ length: 256 }, (_, i) => lines(300, `t${i}`));
    let yields = 0;
    const count = async (): Promise<void> => void yields++;
    await compressor.prefix(section, count);
    // ~5.5 MiB in chunks of ~22 KiB: paced by bytes read, not by the size of each chunk.
    expect(yields).toBeGreaterThanOrEqual(4);
    yields = 0;
    const changed = [...section.slice(0, 255), lines(300, 'new')];
    const body = Buffer.concat(compressor.member(await compressor.prefix(changed, count), Buffer.from('own 1\n')));
    expect(yields).toBe(0);
    expect(gunzipSync(body).equals(Buffer.concat([...changed, Buffer.from('own 1\n')]))).toBe(true);
  });
});
