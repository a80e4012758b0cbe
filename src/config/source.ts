/**
 * Reads the YAML text into a document that keeps node positions, expands `${VAR}` references in string
 * values (never in keys) when given an environment, and finds duplicate keys. The expanded document is
 * what the schema validates.
 */
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node, Scalar } from 'yaml';
import { expandEnv } from './env-expand.js';
import type { Finding, Path } from './locate.js';

/** A YAML syntax error, positioned when the parser knows where. */
export interface SyntaxProblem {
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

export type ParsedSource =
  | { readonly ok: false; readonly errors: readonly SyntaxProblem[] }
  | {
      readonly ok: true;
      readonly doc: Document;
      readonly lineCounter: LineCounter;
      /** The expanded document as plain data; `null` for an empty file. */
      readonly data: unknown;
      /** Duplicate keys and problems with `${...}` references. */
      readonly findings: readonly Finding[];
      /** True when the scalar's value came (partly) from the environment and so must not be echoed. */
      readonly fromEnv: (node: Node | undefined) => boolean;
    };

/**
 * Parses `text` and expands environment references (none when `env` is `undefined`: the web configuration
 * file, like exporter-toolkit's, takes its values literally, and a bcrypt hash is full of `$`). Returns
 * YAML syntax errors on their own: a document that does not parse cannot be meaningfully validated.
 */
export function parseSource(text: string, env: Readonly<Record<string, string | undefined>> | undefined): ParsedSource {
  const lineCounter = new LineCounter();
  // Duplicate keys are found by the walk below, which knows their path; yaml's own check does not.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) {
    const errors = doc.errors.map((e) => {
      const { line, col } = lineCounter.linePos(e.pos[0]);
      // yaml's own wording points at its API; say what to change in the file instead.
      const message = e.code === 'MULTIPLE_DOCS' ? 'the file must contain a single YAML document (remove the second "---")' : e.message;
      return { line, column: col, message };
    });
    return { ok: false, errors };
  }

  const findings: Finding[] = [];
  const expanded = new WeakSet<Node>();
  const position = (node: Node): string => {
    const { line, col } = lineCounter.linePos(node.range?.[0] ?? 0);
    return `line ${line}, column ${col}`;
  };

  const expand = (node: Scalar, path: Path): void => {
    if (env === undefined || typeof node.value !== 'string') return;
    const result = expandEnv(node.value, env);
    if (result.substituted) expanded.add(node);
    for (const name of result.missing) {
      findings.push({ path, at: 'value', message: `environment variable "${name}" is not set and has no default` });
    }
    for (const message of result.errors) findings.push({ path, at: 'value', message });
    node.value = result.value;
  };

  const walk = (node: unknown, path: Path): void => {
    if (isAlias(node)) return; // the anchored node is expanded where it is defined
    if (isScalar(node)) return expand(node, path);
    if (isSeq(node)) return node.items.forEach((item, i) => walk(item, [...path, i]));
    if (!isMap(node)) return;
    const seen = new Map<string, Node>();
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      const first = seen.get(key);
      if (first === undefined) seen.set(key, pair.key);
      else {
        // Paths lead to the first occurrence, so the duplicate's own position is given explicitly.
        const message = `duplicate key "${key}" (first at ${position(first)})`;
        findings.push({ path: [...path, key], at: 'key', message, offset: pair.key.range?.[0] });
      }
      walk(pair.value, [...path, key]);
    }
  };
  walk(doc.contents, []);

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    // Only alias expansion can fail here (too many aliases: a "billion laughs" document).
    return { ok: false, errors: [{ message: err instanceof Error ? err.message : String(err) }] };
  }
  return { ok: true, doc, lineCounter, data, findings, fromEnv: (node) => node !== undefined && expanded.has(node) };
}
