import { constants, crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

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

/** A compressed prefix that a scrape can extend: deflate blocks ending on a full flush, with CRC and size. */
export interface GzipPrefix {
  /** Raw deflate data (the segments joined once), not final, byte-aligned: more blocks may follow. */
  readonly deflated: Buffer;
  readonly crc: number;
  readonly length: number;
}

/**
 * The CRC-32 of the bytes `crc` was taken over followed by `data`. An empty Buffer can be backed by no
 * memory at all, and zlib's `crc32` answers 0 for a null pointer (its way to ask for the initial value),
 * so empty data must not reach it.
 */
const chain = (crc: number, data: Buffer): number => (data.length === 0 ? crc : crc32(data, crc));

/** The chunks of the latest prefix and the running CRC-32 after each of them. */
interface CrcRun {
  readonly chunks: readonly Buffer[];
  readonly crcs: readonly number[];
}

/** Bytes of CRC-32 taken between two yields to the event loop (about a millisecond's work). */
const crcSliceBytes = 1 << 20;

/** 10-byte gzip header: deflate, no flags, no mtime, unknown OS (RFC 1952 §2.3). */
const header = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]);

/**
 * Compresses byte chunks into joinable deflate segments, each once: a chunk that appears in the next
 * section again (a target whose poll did not change) is not compressed again.
 */
export class SegmentCompressor {
  readonly #segments = new WeakMap<Buffer, Promise<Buffer>>();
  readonly #finals = new WeakMap<Buffer, Buffer>();
  #run: CrcRun = { chunks: [], crcs: [] };
  #member: { readonly prefix: GzipPrefix; readonly rest: Buffer; readonly parts: Buffer[] } | undefined;

  /** Starts compressing the chunks not compressed yet, all through one zlib stream. */
  compress(chunks: readonly Buffer[]): void {
    const fresh = [...new Set(chunks.filter((chunk) => !this.#segments.has(chunk)))];
    if (fresh.length === 0) return;
    const all = deflateSegments(fresh);
    // Handled by whoever awaits a segment; a failure must not also surface as unhandled here.
    all.catch(() => undefined);
    fresh.forEach((chunk, i) => this.#segments.set(chunk, all.then((segments) => segments[i] as Buffer)));
  }

  /**
   * The prefix for `chunks` in order. Its CRC-32 is chained (`zlib.crc32(chunk, crc)`) from the first
   * chunk that differs from the previous prefix's on, so chunks before a target whose poll landed are
   * not read again; yields after each `crcSliceBytes` it reads.
   */
  async prefix(chunks: readonly Buffer[], yieldToLoop: () => Promise<void>): Promise<GzipPrefix> {
    this.compress(chunks);
    const deflated = Promise.all(chunks.map((chunk) => this.#segments.get(chunk) as Promise<Buffer>));
    const before = this.#run;
    let same = 0;
    while (same < chunks.length && chunks[same] === before.chunks[same]) same++;
    const crcs = before.crcs.slice(0, same);
    let crc = crcs.at(-1) ?? 0;
    let read = 0;
    for (const chunk of chunks.slice(same)) {
      crcs.push((crc = chain(crc, chunk)));
      read += chunk.length;
      if (read >= crcSliceBytes) {
        read = 0;
        await yieldToLoop();
      }
    }
    this.#run = { chunks, crcs };
    const length = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    // Joined once per section, so a scrape writes one buffer rather than hundreds.
    return { deflated: Buffer.concat(await deflated), crc, length };
  }

  /**
   * One gzip member holding `prefix` followed by `rest` (the exporter's own metrics): the prefix's
   * segments end on full flushes and were each deflated on their own, so they join into one deflate
   * stream, closed by `rest` as the final block; the trailer carries the CRC-32 and size of everything
   * (RFC 1952 §2.3.1). Every gzip reader decodes it, including those that stop after the first member.
   * Made once per prefix and `rest` (the same Buffer for up to a second of scrapes).
   */
  member(prefix: GzipPrefix, rest: Buffer): Buffer[] {
    if (this.#member?.prefix === prefix && this.#member.rest === rest) return this.#member.parts;
    let final = this.#finals.get(rest);
    if (final === undefined) this.#finals.set(rest, (final = deflateRawSync(rest)));
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(chain(prefix.crc, rest), 0);
    trailer.writeUInt32LE((prefix.length + rest.length) % 2 ** 32, 4);
    this.#member = { prefix, rest, parts: [header, prefix.deflated, final, trailer] };
    return this.#member.parts;
  }
}
