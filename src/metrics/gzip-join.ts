import { constants, crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import { crc32Combine } from './crc32-combine.js';

/**
 * Raw deflate segments of `chunks`, through one zlib stream (one context, in the thread pool) with a
 * full flush after each chunk: a full flush ends on a byte boundary and resets the dictionary, so no
 * segment refers back into another, and segments join in any order into one valid deflate stream.
 * (A context per chunk cost more than the compression itself: ~120 µs each, profiled.)
 */
export async function deflateSegments(chunks: readonly Buffer[]): Promise<Buffer[]> {
  const stream = createDeflateRaw();
  const pieces: Buffer[] = [];
  stream.on('data', (piece: Buffer) => pieces.push(piece));
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  const segments: Buffer[] = [];
  try {
    for (const chunk of chunks) {
      stream.write(chunk);
      // The flush's callback runs once its output has been pushed (zlib's processCallback pushes first).
      await Promise.race([new Promise<void>((resolve) => stream.flush(constants.Z_FULL_FLUSH, () => resolve())), failed]);
      segments.push(Buffer.concat(pieces.splice(0)));
    }
  } finally {
    stream.close();
  }
  return segments;
}

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
  readonly #finals = new WeakMap<Buffer, Buffer>();

  /** Starts compressing the chunks not compressed yet, all through one zlib stream. */
  compress(chunks: readonly Buffer[]): void {
    const fresh = [...new Set(chunks.filter((chunk) => !this.#segments.has(chunk)))];
    if (fresh.length === 0) return;
    const all = deflateSegments(fresh);
    // Handled by whoever awaits a segment; a failure must not also surface as unhandled here.
    all.catch(() => undefined);
    fresh.forEach((chunk, i) => this.#segments.set(chunk, all.then((segments) => segments[i] as Buffer)));
  }

  /** A small tail (the exporter's own metrics) as the final deflate block, compressed once per Buffer. */
  final(rest: Buffer): Buffer {
    let deflated = this.#finals.get(rest);
    if (deflated === undefined) this.#finals.set(rest, (deflated = deflateRawSync(rest)));
    return deflated;
  }

  /** One gzip member of `prefix` followed by `rest` (see `gzipWith`), `rest`'s block and CRC made once. */
  member(prefix: GzipPrefix, rest: Buffer): Buffer[] {
    return gzipWith(prefix, rest, this.final(rest), this.crc(rest));
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
    this.compress(chunks);
    const deflated = Promise.all(chunks.map((chunk) => this.#segments.get(chunk) as Promise<Buffer>));
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
 * first member. `restDeflated` is `rest` as a final raw deflate block, `restCrc` its CRC-32.
 */
export function gzipWith(prefix: GzipPrefix, rest: Buffer, restDeflated: Buffer, restCrc: number): Buffer[] {
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32Combine(prefix.crc, restCrc, rest.length), 0);
  trailer.writeUInt32LE((prefix.length + rest.length) % 2 ** 32, 4);
  return [header, prefix.deflated, restDeflated, trailer];
}
