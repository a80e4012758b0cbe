import { setImmediate as nextTurn } from 'node:timers/promises';
import { constants, crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

/** The `guidewire_*` section compressed: deflate blocks ending on a sync flush, with its CRC and size. */
export interface GzipSection {
  /** Raw deflate data, not final and byte-aligned: the own metrics follow as the final block. */
  readonly deflated: Buffer;
  readonly crc: number;
  readonly length: number;
}

/** Bytes of CRC-32 taken between two yields to the event loop (about a millisecond's work). */
const crcSliceBytes = 1 << 20;

/**
 * The CRC-32 of the bytes `crc` was taken over followed by `data` (Node's chained `zlib.crc32`). An
 * empty Buffer can be backed by no memory at all, and zlib's `crc32` answers 0 for a null pointer (its
 * way to ask for the initial value), so empty data must not reach it.
 */
const chain = (crc: number, data: Buffer): number => (data.length === 0 ? crc : crc32(data, crc));

/** `chunks` through one raw deflate stream, in zlib's thread pool, ending on a sync flush (not final). */
async function deflateOpen(chunks: readonly Buffer[]): Promise<Buffer> {
  const stream = createDeflateRaw();
  const pieces: Buffer[] = [];
  stream.on('data', (piece: Buffer) => pieces.push(piece));
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  try {
    for (const chunk of chunks) stream.write(chunk);
    // The flush's callback runs once its output has been pushed (zlib's processCallback pushes first).
    await Promise.race([new Promise<void>((resolve) => stream.flush(constants.Z_SYNC_FLUSH, () => resolve())), failed]);
    return Buffer.concat(pieces);
  } finally {
    stream.close();
  }
}

/**
 * Compresses a whole section, once per change of it: the deflating runs in zlib's thread pool, the
 * CRC-32 is chained on the event loop, awaiting `pause` (the next turn) after every `crcSliceBytes`.
 */
export async function gzipSection(chunks: readonly Buffer[], pause: () => Promise<unknown> = nextTurn): Promise<GzipSection> {
  const deflated = deflateOpen(chunks);
  // Handled below; a failure must not also surface as unhandled while the CRC is taken.
  deflated.catch(() => undefined);
  let crc = 0;
  let length = 0;
  let read = 0;
  for (const chunk of chunks) {
    crc = chain(crc, chunk);
    length += chunk.length;
    read += chunk.length;
    if (read >= crcSliceBytes) {
      read = 0;
      await pause();
    }
  }
  return { deflated: await deflated, crc, length };
}

/** 10-byte gzip header: deflate, no flags, no mtime, unknown OS (RFC 1952 §2.3). */
const header = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]);

/**
 * One gzip member holding the section followed by `rest` (the exporter's own metrics, the final
 * deflate block), the trailer carrying the CRC-32 and size of both (RFC 1952 §2.3.1): every gzip reader
 * decodes it whole, including those that stop after the first member (`curl --compressed`). Made once
 * per section and `rest` (the same Buffer for up to a second of scrapes).
 */
export class GzipMember {
  #last: { readonly section: GzipSection; readonly rest: Buffer; readonly parts: readonly Buffer[] } | undefined;

  of(section: GzipSection, rest: Buffer): readonly Buffer[] {
    if (this.#last?.section === section && this.#last.rest === rest) return this.#last.parts;
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(chain(section.crc, rest), 0);
    trailer.writeUInt32LE((section.length + rest.length) % 2 ** 32, 4);
    this.#last = { section, rest, parts: [header, section.deflated, deflateRawSync(rest), trailer] };
    return this.#last.parts;
  }
}
