import { setImmediate as nextTurn } from 'node:timers/promises';
import type { TargetSnapshot } from '../model/snapshot.js';
import { familyHeader, type ExpositionFormat } from './exposition.js';
import { snapshotFamilies, type SnapshotFamilyKey } from './families.js';
import { GzipMember, gzipSection, type GzipSection } from './gzip-body.js';
import { LineWriter } from './line-writer.js';
import { writeTarget } from './map-snapshot.js';
import { processLines, type ProcessLines, type ProcessLinesMemo } from './process-lines.js';
import { silentRenderReport, type RenderReport } from './render-failures.js';

const familyKeys = Object.keys(snapshotFamilies) as SnapshotFamilyKey[];
/** Processes rendered between two yields to the event loop. */
const sliceSize = 25;

/** The sample lines of one target snapshot per family, UTF-8 encoded; the same in both formats. */
export type SnapshotChunks = ReadonlyMap<SnapshotFamilyKey, Buffer>;

/** What a target's latest render leaves for its next: its processes' lines. */
export interface TargetMemo {
  readonly processes: ProcessLinesMemo;
}

/**
 * Renders one target's sample lines per family, in slices of at most `sliceSize` processes, awaiting
 * `pause` (the next turn of the event loop by default) after the target-level part and after each
 * slice. A process whose data did not change since `memo` was made reuses its lines; `memo` is
 * replaced by this render's (vanished processes drop). Lines are joined once, at the end.
 */
export async function renderChunks(snapshot: TargetSnapshot, memo = new Map<string, TargetMemo>(), pause: () => Promise<unknown> = nextTurn): Promise<SnapshotChunks> {
  const writer = new LineWriter();
  writeTarget(writer, snapshot);
  await pause();
  const before = memo.get(snapshot.target);
  const next = new Map<string, ProcessLines>();
  for (let i = 0; i < snapshot.processes.length; i += sliceSize) {
    for (const view of snapshot.processes.slice(i, i + sliceSize)) {
      const code = view.process.code;
      const lines = processLines(snapshot.target, view, snapshot.history?.get(code), before?.processes.get(code));
      next.set(code, lines);
      for (const [key, text] of lines.lines) writer.append(key, text);
    }
    await pause();
  }
  memo.set(snapshot.target, { processes: next });
  const chunks = new Map<SnapshotFamilyKey, Buffer>();
  for (const [key, text] of writer.chunks()) if (text !== '') chunks.set(key, Buffer.from(text));
  return chunks;
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
  readonly gzip: Partial<Record<ExpositionFormat, Promise<GzipSection>>>;
}

const sameSnapshots = (a: readonly TargetSnapshot[], b: readonly TargetSnapshot[]): boolean =>
  a.length === b.length && a.every((snapshot, i) => snapshot === b[i]);

/**
 * The `guidewire_*` part of the exposition changes only when a poll lands, so each target's snapshot
 * is rendered once, in slices that leave the event loop free, and kept as bytes; a scrape writes those
 * buffers as they are. The section is compressed whole once per change, in zlib's thread pool.
 */
export class ExpositionCache {
  /** Each snapshot's render, in flight or done; a failed one (reported) has no lines. */
  readonly #chunks = new WeakMap<TargetSnapshot, Promise<SnapshotChunks>>();
  readonly #member = new GzipMember();
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

  /**
   * Renders a snapshot in the background (call after a poll), once: a scrape that arrives mid-render
   * waits a few milliseconds for it rather than rendering the target again. Never rejects: a failed
   * render is reported and leaves the target's lines out.
   */
  prepare(snapshot: TargetSnapshot): Promise<SnapshotChunks> {
    let chunks = this.#chunks.get(snapshot);
    if (chunks === undefined) {
      chunks = renderChunks(snapshot, this.#memo).then(
        (rendered) => {
          this.#report.rendered(snapshot.target);
          return rendered;
        },
        (err: unknown) => {
          // A half-made memo must not be reused, and a failed target's lines are no use either.
          this.#memo.delete(snapshot.target);
          this.#report.failed(snapshot.target, err);
          return new Map();
        },
      );
      this.#chunks.set(snapshot, chunks);
    }
    return chunks;
  }

  /** The section of these snapshots, once each is rendered, and its bytes in `format`. */
  async #current(snapshots: readonly TargetSnapshot[], format: ExpositionFormat): Promise<{ section: Section; bytes: Buffer[] }> {
    const chunks = await Promise.all(snapshots.map((snapshot) => this.prepare(snapshot)));
    if (this.#section === undefined || !sameSnapshots(this.#section.snapshots, snapshots)) {
      this.#section = { snapshots, bytes: {}, gzip: {} };
      // Targets removed by a reload leave no rendered lines behind.
      const names = new Set(snapshots.map((snapshot) => snapshot.target));
      for (const name of this.#memo.keys()) if (!names.has(name)) this.#memo.delete(name);
    }
    const section = this.#section;
    return { section, bytes: (section.bytes[format] ??= joinChunks(chunks, format)) };
  }

  /** The `guidewire_*` section for these snapshots as buffers to write in order. */
  async bytes(snapshots: readonly TargetSnapshot[], format: ExpositionFormat): Promise<Buffer[]> {
    return (await this.#current(snapshots, format)).bytes;
  }

  /** The section as text (tests and tools; scrapes use `bytes`). */
  async text(snapshots: readonly TargetSnapshot[], format: ExpositionFormat): Promise<string> {
    return Buffer.concat(await this.bytes(snapshots, format)).toString('utf8');
  }

  /**
   * The section and then `rest` (the exporter's own metrics), gzip-compressed as one member (see
   * `GzipMember`). The section is compressed by the first gzip scrape after it changed, in the thread
   * pool, and that Buffer serves every gzip scrape until a target's section changes again: at most one
   * compression per change a gzip scrape asks for, so their number is bounded by the poll rate.
   */
  async gzip(snapshots: readonly TargetSnapshot[], format: ExpositionFormat, rest: Buffer): Promise<readonly Buffer[]> {
    const { section, bytes } = await this.#current(snapshots, format);
    // A failed compression is not kept: the next gzip scrape tries again instead of failing until a poll.
    const compressed = (section.gzip[format] ??= gzipSection(bytes).catch((err: unknown) => {
      delete section.gzip[format];
      throw err;
    }));
    return this.#member.of(await compressed, rest);
  }
}
