/**
 * Maps key paths (`['targets', 0, 'oauth2']`) back to positions in the YAML source, so every problem can
 * name its line and column.
 */
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Document, LineCounter, Node, Pair } from 'yaml';

export type Path = readonly (string | number)[];

/** A problem before it is located: `at: 'key'` points at the key itself (unknown keys, conflicts). */
export interface Finding {
  readonly path: Path;
  readonly message: string;
  readonly at: 'key' | 'value';
  /** Source offset to report instead of the path's position (when the path is ambiguous, e.g. duplicate keys). */
  readonly offset?: number | undefined;
}

export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface Locator {
  /** The node at `path`, following aliases; `undefined` when the path does not exist in the source. */
  nodeAt(path: Path): Node | undefined;
  /** Where `path` is, or where its nearest existing ancestor is when the path is not in the source. */
  position(path: Path, at: 'key' | 'value'): Position | undefined;
  /** Position of a source offset. */
  offset(offset: number): Position;
}

/** Formats a path as `targets[0].oauth2.client_secret_file`; keys that are not identifiers are quoted. */
export function formatPath(path: Path): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

interface Step {
  readonly node: Node | undefined;
  readonly pair: Pair | undefined;
}

/** Builds a locator over a parsed document and the line counter it was parsed with. */
export function createLocator(doc: Document, lineCounter: LineCounter): Locator {
  const resolve = (node: unknown): Node | undefined => {
    if (isAlias(node)) return node.resolve(doc) ?? undefined;
    return isMap(node) || isSeq(node) || isScalar(node) ? node : undefined;
  };

  // Every step reached along `path`, starting with the document root.
  const walk = (path: Path): Step[] => {
    const steps: Step[] = [{ node: resolve(doc.contents), pair: undefined }];
    for (const segment of path) {
      const current = steps.at(-1)?.node;
      if (isMap(current)) {
        const pair = current.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
        if (pair === undefined) break;
        steps.push({ node: resolve(pair.value), pair });
      } else if (isSeq(current) && typeof segment === 'number' && segment < current.items.length) {
        steps.push({ node: resolve(current.items[segment]), pair: undefined });
      } else {
        break;
      }
    }
    return steps;
  };

  const offset = (at: number): Position => {
    const { line, col } = lineCounter.linePos(at);
    return { line, column: col };
  };
  const start = (node: unknown): Position | undefined => {
    const range = (node as Node | null | undefined)?.range;
    return range ? offset(range[0]) : undefined;
  };

  return {
    nodeAt(path) {
      const steps = walk(path);
      return steps.length === path.length + 1 ? steps.at(-1)?.node : undefined;
    },
    position(path, at) {
      const steps = walk(path);
      const last = steps.at(-1);
      if (last === undefined) return undefined;
      const found = steps.length === path.length + 1;
      // An empty value (`key:` with nothing after it) has no useful position of its own: use its key.
      const emptyValue = isScalar(last.node) && last.node.value === null && last.node.source === '';
      if (last.pair !== undefined && ((found && at === 'key') || emptyValue || last.node === undefined)) {
        return start(last.pair.key) ?? start(last.node);
      }
      return start(last.node) ?? { line: 1, column: 1 };
    },
    offset,
  };
}
