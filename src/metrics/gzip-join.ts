import { promisify } from 'node:util';
import { constants, crc32, deflateRaw, deflateRawSync } from 'node:zlib';

const deflateRawAsync = promisify(deflateRaw);

/** A compressed prefix that a scrape can extend: deflate blocks ending on a sync flush, with CRC and size. */
export interface GzipPrefix {
  /** Raw deflate data, not final, byte-aligned: more blocks may follow. */
  readonly deflated: Buffer;
  readonly crc: number;
  readonly length: number;
}

/** 10-byte gzip header: deflate, no flags, no mtime, unknown OS (RFC 1952 §2.3). */
const header = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]);

/**
 * Compresses `chunks` (in zlib's thread pool) into a prefix that later data can be appended to.
 * The CRC is computed a chunk at a time, yielding between chunks, so a large section never holds the
 * event loop.
 */
export async function gzipPrefix(chunks: readonly Buffer[], yieldToLoop: () => Promise<void>): Promise<GzipPrefix> {
  const whole = Buffer.concat(chunks);
  const deflated = deflateRawAsync(whole, { finishFlush: constants.Z_SYNC_FLUSH });
  let crc = 0;
  for (const chunk of chunks) {
    crc = crc32(chunk, crc);
    await yieldToLoop();
  }
  return { deflated: await deflated, crc, length: whole.length };
}

/**
 * One gzip member holding `prefix` followed by `rest`: the prefix's blocks end on a sync flush and
 * the rest is deflated on its own (no back-references into the prefix), so the blocks join into one
 * valid deflate stream; the trailer carries the CRC-32 and size of both (RFC 1952 §2.3.1). Every gzip
 * reader decodes it, including those that stop after the first member. `restDeflated` may be passed
 * when the caller already compressed `rest` (final block) and keeps it.
 */
export function gzipWith(prefix: GzipPrefix, rest: Buffer, restDeflated: Buffer = deflateRawSync(rest)): Buffer[] {
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(rest, prefix.crc) >>> 0, 0);
  trailer.writeUInt32LE((prefix.length + rest.length) % 2 ** 32, 4);
  return [header, prefix.deflated, restDeflated, trailer];
}
