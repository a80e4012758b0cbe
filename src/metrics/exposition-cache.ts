import type { TargetSnapshot } from '../model/snapshot.js';
import { nextTurn, runSteps, runStepsAsync, type Steps } from '../steps.js';
import { familyHeader, type ExpositionFormat } from './exposition.js';
import { snapshotFamilies, type SnapshotFamilyKey } from './families.js';
import { SegmentCompressor, type GzipPrefix } from './gzip-join.js';
import { LineWriter } from './line-writer.js';
import { writeTarget } from './map-snapshot.js';
import { processLines, type ProcessLines, type ProcessLinesMemo } from './process-lines.js';
import { silentRenderReport, type RenderReport } from './render-failures.js';

const familyKeys = Object.keys(snapshotFamilies) as SnapshotFamilyKey[];
/** Processes rendered between two yields to the event loop. */
const sliceSize = 25;

/** The sample lines of one target snapshot per family, UTF-8 encoded; the same in both formats. */
export type SnapshotChunks = ReadonlyMap<SnapshotFamilyKey, Buffer>;

/** What a target's latest render leaves for its next: its processes' lines, its families' text and bytes. */
export interface TargetMemo {
  readonly processes: ProcessLinesMemo;
  readonly families: ReadonlyMap<SnapshotFamilyKey, { readonly text: string; readonly bytes: Buffer }>;
}

/**
 * Each family's lines as bytes, in family order. A family whose text is what the previous render made
 * keeps that render's Buffer, and with it the compressed segment and CRC cached for that Buffer.
 */
function encode(text: ReadonlyMap<SnapshotFamilyKey, string>, previous: TargetMemo['families'] | undefined): Map<SnapshotFamilyKey, { text: string; bytes: Buffer }> {
  const families = new Map<SnapshotFamilyKey, { text: string; bytes: Buffer }>();
  for (const key of familyKeys) {
    const lines = text.get(key);
    if (lines === undefined || lines === '') continue;
    const before = previous?.get(key);
    families.set(key, before?.text === lines ? before : { text: lines, bytes: Buffer.from(lines) });
  }
  return families;
}

/**
 * Renders one target's sample lines per family, in slices of at most `sliceSize` processes, pausing
 * (a generator step) after the target-level part and after each slice. A process whose data did not
 * change since `memo` was made reuses its lines; `memo` is replaced by this render's (vanished
 * processes drop). Lines are joined once, at the end.
 */
function* renderParts(snapshot: TargetSnapshot, memo: Map<string, TargetMemo>): Steps<SnapshotChunks> {
  const writer = new LineWriter();
  writeTarget(writer, snapshot);
  yield;
  const before = memo.get(snapshot.target);
  const previous = before?.processes;
  const next = new Map<string, ProcessLines>();
  for (let i = 0; i < snapshot.processes.length; i += sliceSize) {
    for (const view of snapshot.processes.slice(i, i + sliceSize)) {
      const code = view.process.code;
      const lines = processLines(snapshot.target, view, snapshot.history?.get(code), previous?.get(code));
      next.set(code, lines);
      for (const [key, text] of lines.lines) writer.append(key, text);
    }
    yield;
  }
  const families = encode(writer.chunks(), before?.families);
  memo.set(snapshot.target, { processes: next, families });
  return new Map([...families].map(([key, family]) => [key, family.bytes]));
}

/** Renders one target's sample lines per family, all at once. Pure apart from `memo`. */
export function renderChunks(snapshot: TargetSnapshot, memo = new Map<string, TargetMemo>()): SnapshotChunks {
  return runSteps(renderParts(snapshot, memo));
}

/** The same as `renderChunks`, yielding to the event loop between slices of processes. */
export function renderChunksAsync(snapshot: TargetSnapshot, yieldToLoop: () => Promise<void>, memo = new Map<string, TargetMemo>()): Promise<SnapshotChunks> {
  return runStepsAsync(renderParts(snapshot, memo), yieldToLoop);
}

/** Each family's `# HELP`/`# TYPE` lines as bytes, per format; the same Buffer every time. */
const headers: Record<ExpositionFormat, ReadonlyMap<SnapshotFamilyKey, Buffer>> = {
  text: new Map(familyKeys.map((key) => [key, Buffer.from(familyHeader(snapshotFamilies[key], 'text'))])),
  openMetrics: new Map(familyKeys.map((key) => [key, Buffer.from(familyHeader(snapshotFamilies[key], 'openMetrics'))])),
};

/** The `guidewire_*` section as buffers in writing order: each family's header, then every target's lines. */
function joinChunks(all: readonly SnapshotChunks[], format: ExpositionFormat): Buffer[] {
  const out: Buffer[] = [];
  for (const key of familyKeys) {
    const bodies = all.flatMap((chunks) => chunks.get(key) ?? []);
    const header = headers[format].get(key);
    if (bodies.length > 0 && header !== undefined) out.push(header, ...bodies);
  }
  return out;
}

interface Section {
  readonly snapshots: readonly TargetSnapshot[];
  readonly bytes: Partial<Record<ExpositionFormat, Buffer[]>>;
  readonly gzip: Partial<Record<ExpositionFormat, Promise<GzipPrefix>>>;
}

const sameSnapshots = (a: readonly TargetSnapshot[], b: readonly TargetSnapshot[]): boolean =>
  a.length === b.length && a.every((snapshot, i) => snapshot === b[i]);

/**
 * The `guidewire_*` part of the exposition changes only when a poll lands, so each target's snapshot
 * is rendered once, in slices that leave the event loop free, and kept as bytes; a scrape writes those
 * buffers as they are. The section's gzip is made once per change, in zlib's thread pool.
 */
export class ExpositionCache {
  readonly #chunks = new WeakMap<TargetSnapshot, SnapshotChunks>();
  readonly #pending = new WeakMap<TargetSnapshot, Promise<SnapshotChunks>>();
  readonly #compressor = new SegmentCompressor();
  /** What each target's latest render left for the next, by target name. */
  readonly #memo = new Map<string, TargetMemo>();
  readonly #report: RenderReport;
  #section: Section | undefined;

  /**
   * `report` hears of every render: a snapshot whose render throws (a string past V8's limit, say) is
   * reported and contributes no lines, so one target's failure never costs the others' series.
   */
  constructor(options: { readonly report?: RenderReport } = {}) {
    this.#report = options.report ?? silentRenderReport;
  }

  /** The outcome of rendering `snapshot`: its chunks, or none (reported) when the render threw. */
  #settled(snapshot: TargetSnapshot, render: () => SnapshotChunks): SnapshotChunks {
    try {
      const chunks = render();
      this.#report.rendered(snapshot.target);
      return chunks;
    } catch (err) {
      return this.#failed(snapshot, err);
    }
  }

  #failed(snapshot: TargetSnapshot, err: unknown): SnapshotChunks {
    // A half-made memo must not be reused, and a failed target's lines are no use either.
    this.#memo.delete(snapshot.target);
    this.#report.failed(snapshot.target, err);
    return new Map();
  }

  #current(snapshots: readonly TargetSnapshot[]): Section {
    if (this.#section === undefined || !sameSnapshots(this.#section.snapshots, snapshots)) {
      this.#section = { snapshots, bytes: {}, gzip: {} };
      // Targets removed by a reload leave no rendered lines behind.
      const names = new Set(snapshots.map((snapshot) => snapshot.target));
      for (const name of this.#memo.keys()) if (!names.has(name)) this.#memo.delete(name);
    }
    return this.#section;
  }

  #chunksOf(snapshot: TargetSnapshot): SnapshotChunks {
    let chunks = this.#chunks.get(snapshot);
    if (chunks === undefined) {
      // A snapshot no poll prepared (the empty one before the first poll, tests) is rendered at once.
      chunks = this.#settled(snapshot, () => renderChunks(snapshot, this.#memo));
      this.#chunks.set(snapshot, chunks);
    }
    return chunks;
  }

  /**
   * Renders a new snapshot in the background, ahead of the next scrape (call after a poll). Never
   * rejects: a failed render is reported and leaves the target's lines out.
   */
  prepare(snapshot: TargetSnapshot): Promise<void> {
    if (this.#chunks.has(snapshot)) return Promise.resolve();
    let pending = this.#pending.get(snapshot);
    if (pending === undefined) {
      pending = renderChunksAsync(snapshot, nextTurn, this.#memo).then(
        (chunks) => {
          this.#report.rendered(snapshot.target);
          return chunks;
        },
        (err: unknown) => this.#failed(snapshot, err),
      );
      this.#pending.set(snapshot, pending);
      pending
        .then(async (chunks) => {
          if (!this.#chunks.has(snapshot)) this.#chunks.set(snapshot, chunks);
          // Compress the new lines now, in the thread pool, and take their CRCs, a family at a time,
          // so that the next gzip scrape finds them ready.
          const fresh = [...(this.#chunks.get(snapshot) ?? chunks).values()];
          this.#compressor.compress(fresh);
          for (const chunk of fresh) {
            this.#compressor.crc(chunk);
            await nextTurn();
          }
        })
        // Only a head start for gzip scrapes, which compress what is missing themselves.
        .catch(() => undefined);
    }
    return pending.then(() => undefined);
  }

  /**
   * Resolves once the background renders of these snapshots (started by `prepare`) are done, so that a
   * scrape arriving mid-render waits a few milliseconds for it rather than rendering the whole target
   * again, at once, on the event loop.
   */
  async settle(snapshots: readonly TargetSnapshot[]): Promise<void> {
    for (const snapshot of snapshots) {
      const pending = this.#chunks.has(snapshot) ? undefined : this.#pending.get(snapshot);
      if (pending !== undefined) await pending;
    }
  }

  /** The `guidewire_*` section for these snapshots as buffers to write in order. */
  bytes(snapshots: readonly TargetSnapshot[], format: ExpositionFormat): Buffer[] {
    const section = this.#current(snapshots);
    return (section.bytes[format] ??= joinChunks(snapshots.map((s) => this.#chunksOf(s)), format));
  }

  /** The section as text (tests and tools; scrapes use `bytes`). */
  text(snapshots: readonly TargetSnapshot[], format: ExpositionFormat): string {
    return Buffer.concat(this.bytes(snapshots, format)).toString('utf8');
  }

  /**
   * The section and then `rest`, gzip-compressed as one member. Each target's lines are compressed
   * once, when its poll lands (in zlib's thread pool), and reused while unchanged, CRC included; per
   * change of the section the CRCs are combined. `rest` (the exporter's own metrics) is the same Buffer
   * for up to a second of scrapes and is compressed, and its CRC taken, once per Buffer.
   */
  async gzip(snapshots: readonly TargetSnapshot[], format: ExpositionFormat, rest: Buffer): Promise<Buffer[]> {
    const section = this.#current(snapshots);
    const prefix = await (section.gzip[format] ??= this.#compressor.prefix(this.bytes(snapshots, format), nextTurn));
    return this.#compressor.member(prefix, rest);
  }
}
