import { formatLabelPairs, formatValue } from './exposition.js';
import type { SnapshotFamilyKey } from './families.js';
import type { SampleWriter } from './map-snapshot.js';

/** Exposition lines per family, as written; a process's base labels are escaped once. */
export class LineWriter implements SampleWriter {
  readonly #lines = new Map<SnapshotFamilyKey, string[]>();
  #base: Readonly<Record<string, string>> | undefined;
  #basePairs = '';

  add(key: SnapshotFamilyKey, name: string, base: Readonly<Record<string, string>>, extra: Readonly<Record<string, string>> | undefined, value: number): void {
    if (base !== this.#base) {
      this.#base = base;
      this.#basePairs = formatLabelPairs(base);
    }
    const labels = extra === undefined ? this.#basePairs : `${this.#basePairs},${formatLabelPairs(extra)}`;
    this.append(key, `${name}{${labels}} ${formatValue(value)}\n`);
  }

  /** Adds already rendered lines (one or more, newline-terminated) to a family. */
  append(key: SnapshotFamilyKey, text: string): void {
    let lines = this.#lines.get(key);
    if (lines === undefined) this.#lines.set(key, (lines = []));
    lines.push(text);
  }

  /** Each family's lines as one string. */
  chunks(): Map<SnapshotFamilyKey, string> {
    return new Map([...this.#lines].map(([key, lines]) => [key, lines.join('')]));
  }
}
