import { promisify } from 'node:util';
import { constants, crc32, deflateRaw, deflateRawSync } from 'node:zlib';

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

  /** A chunk's raw deflate segment, ending on a sync flush (not final), compressed in zlib's thread pool. */
  segment(chunk: Buffer): Promise<Buffer> {
    let segment = this.#segments.get(chunk);
    if (segment === undefined) {
      segment = deflateRawAsync(chunk, { finishFlush: constants.Z_SYNC_FLUSH });
      this.#segments.set(chunk, segment);
    }
    return segment;
  }

  /**
   * The prefix for `chunks` in order. The CRC is chained a chunk at a time, yielding between chunks,
   * so a large section never holds the event loop.
   */
  async prefix(chunks: readonly Buffer[], yieldToLoop: () => Promise<void>): Promise<GzipPrefix> {
    const deflated = Promise.all(chunks.map((chunk) => this.segment(chunk)));
    let crc = 0;
    let length = 0;
    for (const chunk of chunks) {
      crc = crc32(chunk, crc);
      length += chunk.length;
      if (length % (1 << 20) < chunk.length) await yieldToLoop(); // about once per MiB
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
