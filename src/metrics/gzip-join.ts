import { promisify } from 'node:util';
import { constants, crc32, deflateRaw, deflateRawSync } from 'node:zlib';
import { crc32Combine } from './crc32-combine.js';

const deflateRawAsync = promisify(deflateRaw);

/** A compressed prefix that a scrape can extend: deflate blocks ending on a sync flush, with CRC and size. */
export interface GzipPrefix {
  /** Raw deflate data (the segments joined once), not final, byte-aligned: more blocks may follow. */
  readonly deflated: Buffer;
  readonly crc: number;
  readonly length: number;
}

/** 10-byte gzip header: deflate, no flags, no mtime, unknown OS (RFC 1952 §2.3). */
const header = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]);

/**
 * Compresses byte chunks into joinable deflate segments, each once: a chunk that appears in the next
 * section again (a target whose poll did not change) is not compressed again.
 */
export class SegmentCompressor {
  readonly #segments = new WeakMap<Buffer, Promise<Buffer>>();
  readonly #crcs = new WeakMap<Buffer, number>();

  /** A chunk's raw deflate segment, ending on a sync flush (not final), compressed in zlib's thread pool. */
  segment(chunk: Buffer): Promise<Buffer> {
    let segment = this.#segments.get(chunk);
    if (segment === undefined) {
      segment = deflateRawAsync(chunk, { finishFlush: constants.Z_SYNC_FLUSH });
      this.#segments.set(chunk, segment);
    }
    return segment;
  }

  /** A chunk's CRC-32, computed once per chunk. */
  crc(chunk: Buffer): number {
    let crc = this.#crcs.get(chunk);
    if (crc === undefined) this.#crcs.set(chunk, (crc = crc32(chunk)));
    return crc;
  }

  /**
   * The prefix for `chunks` in order. The section's CRC is combined from each chunk's own, so only
   * chunks not seen before are read (a target whose poll landed); yields between new chunks.
   */
  async prefix(chunks: readonly Buffer[], yieldToLoop: () => Promise<void>): Promise<GzipPrefix> {
    const deflated = Promise.all(chunks.map((chunk) => this.segment(chunk)));
    let crc = 0;
    let length = 0;
    for (const chunk of chunks) {
      const known = this.#crcs.has(chunk);
      crc = crc32Combine(crc, this.crc(chunk), chunk.length);
      length += chunk.length;
      if (!known && chunk.length > 1 << 16) await yieldToLoop();
    }
    // Joined once per section, so a scrape writes one buffer rather than hundreds.
    return { deflated: Buffer.concat(await deflated), crc, length };
  }
}

/**
 * One gzip member holding `prefix` followed by `rest`: the prefix's segments end on sync flushes and
 * were each deflated on their own (no back-references across segments), so the blocks join into one
 * valid deflate stream, closed by the final block of `rest`; the trailer carries the CRC-32 and size
 * of everything (RFC 1952 §2.3.1). Every gzip reader decodes it, including those that stop after the
 * first member. `restDeflated` may be passed when the caller already compressed `rest` and keeps it.
 */
export function gzipWith(prefix: GzipPrefix, rest: Buffer, restDeflated: Buffer = deflateRawSync(rest)): Buffer[] {
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(rest, prefix.crc) >>> 0, 0);
  trailer.writeUInt32LE((prefix.length + rest.length) % 2 ** 32, 4);
  return [header, prefix.deflated, restDeflated, trailer];
}
