import type { Clock } from '../clock.js';
import type { TargetSnapshot } from '../model/snapshot.js';
import type { ExpositionFormat } from './exposition.js';
import { ExpositionCache } from './exposition-cache.js';
import type { RenderReport } from './render-failures.js';

/** The exporter's own metrics (process, Node.js, requests) are collected at most this often. */
export const ownMetricsMaxAgeMs = 1_000;

export interface ScrapeBodyOptions {
  readonly clock: Pick<Clock, 'now'>;
  /** The exporter's own metrics (its prom-client registry), serialised in `format`. */
  readonly ownMetrics: (format: ExpositionFormat) => Promise<string>;
  /** Hears of every target render: a failed one is left out of scrapes (see `ExpositionCache`). */
  readonly report?: RenderReport;
}

interface OwnMetrics {
  readonly at: number;
  readonly bytes: Buffer;
}

/**
 * The body of a `/metrics` answer: the `guidewire_*` section for every target's snapshot (rendered once
 * per poll, cached per target, see `ExpositionCache`), then the exporter's own metrics, plain or gzip.
 * The own metrics are rendered again after every poll (`forgetOwnMetrics`) and otherwise at most once a
 * second (`ownMetricsMaxAgeMs`), so a burst of scrapes costs little and the counters always agree with
 * the poll results shown.
 */
export class ScrapeBody {
  readonly #options: ScrapeBodyOptions;
  readonly #exposition: ExpositionCache;
  readonly #own: Partial<Record<ExpositionFormat, OwnMetrics>> = {};

  constructor(options: ScrapeBodyOptions) {
    this.#options = options;
    this.#exposition = new ExpositionCache(options.report === undefined ? {} : { report: options.report });
  }

  /**
   * A poll landed: renders its snapshot in the background, ahead of the next scrape, and forgets the
   * own metrics (the poll moved the request and error counters too). Never rejects.
   */
  polled(snapshot: TargetSnapshot): void {
    void this.#exposition.prepare(snapshot);
    this.forgetOwnMetrics();
  }

  /** The own metrics changed (a reload, say): the next scrape renders them again. */
  forgetOwnMetrics(): void {
    for (const format of Object.keys(this.#own) as ExpositionFormat[]) delete this.#own[format];
  }

  /** One scrape's body for one consistent view of every target (`snapshots`, in config order). */
  async body(snapshots: readonly TargetSnapshot[], format: ExpositionFormat, encoding: 'identity' | 'gzip'): Promise<readonly Buffer[]> {
    // Every target rendered first, then the own metrics: their counters include those polls.
    const section = await this.#exposition.bytes(snapshots, format);
    const own = await this.#ownMetrics(format);
    if (encoding === 'identity') return [...section, own.bytes];
    return this.#exposition.gzip(snapshots, format, own.bytes);
  }

  async #ownMetrics(format: ExpositionFormat): Promise<OwnMetrics> {
    const now = this.#options.clock.now();
    const cached = this.#own[format];
    if (cached !== undefined && now - cached.at < ownMetricsMaxAgeMs) return cached;
    const rendered: OwnMetrics = { at: now, bytes: Buffer.from(await this.#options.ownMetrics(format)) };
    this.#own[format] = rendered;
    return rendered;
  }
}
