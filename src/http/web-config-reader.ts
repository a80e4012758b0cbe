/**
 * The small reader the web configuration validators share: typed reads of plain YAML data that collect
 * findings (path, message) instead of throwing. Pure.
 */
import { suggestKey } from '../config/issues.js';
import type { Finding, Path } from '../config/locate.js';

export type Data = Readonly<Record<string, unknown>>;

export const kind = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a map' : `a ${typeof value}`;

/** Collects findings while reading values; every reader returns `undefined` for an absent or bad value. */
export class Reader {
  readonly findings: Finding[] = [];

  problem(p: Path, message: string, at: 'key' | 'value' = 'value'): undefined {
    this.findings.push({ path: p, at, message });
    return undefined;
  }

  /** A map with only `known` keys; `null` (an empty section) reads as absent. */
  map(p: Path, value: unknown, known: readonly string[] | undefined): Data | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) return this.problem(p, `expected a map, got ${kind(value)}`);
    for (const key of known === undefined ? [] : Object.keys(value)) {
      if (known?.includes(key)) continue;
      const suggestion = suggestKey(key, known ?? []);
      this.problem([...p, key], `unknown key "${key}"${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}`, 'key');
    }
    return value as Data;
  }

  string(p: Path, value: unknown): string | undefined {
    if (value === undefined || value === null) return undefined;
    return typeof value === 'string' ? value : this.problem(p, `expected a string, got ${kind(value)}`);
  }

  boolean(p: Path, value: unknown): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    return typeof value === 'boolean' ? value : this.problem(p, `expected true or false, got ${kind(value)}`);
  }

  strings(p: Path, value: unknown): string[] | undefined {
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) return this.problem(p, `expected a list of strings, got ${kind(value)}`);
    return value.map((item: unknown, i) => this.string([...p, i], item) ?? '');
  }

  oneOf<T extends string>(p: Path, value: unknown, allowed: readonly T[], aliases: Readonly<Record<string, T>> = {}): T | undefined {
    const text = this.string(p, value);
    if (text === undefined) return undefined;
    if ((allowed as readonly string[]).includes(text)) return text as T;
    return aliases[text] ?? this.problem(p, `expected one of ${allowed.join(', ')}, got ${JSON.stringify(text)}`);
  }
}
