import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { TargetSnapshot } from '../poller/snapshot.js';
import { familyHeader, formatSample, type ExpositionFormat } from './exposition.js';
import { snapshotFamilies, type SnapshotFamilyKey } from './families.js';
import { mapSnapshots } from './map-snapshot.js';

const gzipAsync = promisify(gzip);
const familyKeys = Object.keys(snapshotFamilies) as SnapshotFamilyKey[];

/** The sample lines of one target snapshot, per family; the same in both exposition formats. */
export type SnapshotChunks = ReadonlyMap<SnapshotFamilyKey, string>;

/** Renders one target's sample lines per family. Pure. */
export function renderChunks(snapshot: TargetSnapshot): SnapshotChunks {
  const families = mapSnapshots([snapshot]);
  const chunks = new Map<SnapshotFamilyKey, string>();
  families.forEach((family, index) => {
    const key = familyKeys[index];
    if (key !== undefined && family.samples.length > 0) chunks.set(key, family.samples.map(formatSample).join(''));
  });
  return chunks;
}

/** Joins per-target chunks into the `guidewire_*` section, each family once, in definition order. Pure. */
export function joinChunks(all: readonly SnapshotChunks[], format: ExpositionFormat): string {
  let out = '';
  for (const key of familyKeys) {
    let body = '';
    for (const chunks of all) body += chunks.get(key) ?? '';
    if (body !== '') out += familyHeader(snapshotFamilies[key], format) + body;
  }
  return out;
}

interface Section {
  readonly snapshots: readonly TargetSnapshot[];
  readonly text: Partial<Record<ExpositionFormat, string>>;
  readonly bytes: Partial<Record<ExpositionFormat, Buffer>>;
  readonly gzip: Partial<Record<ExpositionFormat, Promise<Buffer>>>;
}

const sameSnapshots = (a: readonly TargetSnapshot[], b: readonly TargetSnapshot[]): boolean =>
  a.length === b.length && a.every((snapshot, i) => snapshot === b[i]);

/**
 * The `guidewire_*` part of the exposition changes only when a poll lands, so it is rendered once per
 * snapshot (per target) and joined once per change of any snapshot, and its gzip is made once too.
 * A scrape then costs a lookup, plus the few self-metrics that change every time.
 */
export class ExpositionCache {
  readonly #chunks = new WeakMap<TargetSnapshot, SnapshotChunks>();
  #section: Section | undefined;

  #current(snapshots: readonly TargetSnapshot[]): Section {
    if (this.#section === undefined || !sameSnapshots(this.#section.snapshots, snapshots)) {
      this.#section = { snapshots, text: {}, bytes: {}, gzip: {} };
    }
    return this.#section;
  }

  #chunksOf(snapshot: TargetSnapshot): SnapshotChunks {
    let chunks = this.#chunks.get(snapshot);
    if (chunks === undefined) {
      chunks = renderChunks(snapshot);
      this.#chunks.set(snapshot, chunks);
    }
    return chunks;
  }

  /** Renders a new snapshot ahead of the next scrape (call after a poll). */
  prepare(snapshot: TargetSnapshot): void {
    this.#chunksOf(snapshot);
  }

  /** The `guidewire_*` section for these snapshots, in the given format. */
  text(snapshots: readonly TargetSnapshot[], format: ExpositionFormat): string {
    const section = this.#current(snapshots);
    return (section.text[format] ??= joinChunks(snapshots.map((s) => this.#chunksOf(s)), format));
  }

  /** The section as UTF-8 bytes, encoded once: scrapes write it to the socket as it is. */
  bytes(snapshots: readonly TargetSnapshot[], format: ExpositionFormat): Buffer {
    const section = this.#current(snapshots);
    return (section.bytes[format] ??= Buffer.from(this.text(snapshots, format)));
  }

  /**
   * The section gzip-compressed: a complete gzip member. The caller appends the member of the rest of
   * the exposition; concatenated members are one valid gzip stream (RFC 1952 §2.2), which Prometheus'
   * Go client and every zlib-based reader decode whole.
   */
  gzip(snapshots: readonly TargetSnapshot[], format: ExpositionFormat): Promise<Buffer> {
    const section = this.#current(snapshots);
    return (section.gzip[format] ??= gzipAsync(this.bytes(snapshots, format)));
  }
}
