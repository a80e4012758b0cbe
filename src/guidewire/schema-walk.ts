import { isObject, type JsonObject } from './parse-fields.js';

/**
 * A bounded reader of an OpenAPI (or Swagger 2) document: local `$ref`s resolved, `allOf` merged, every
 * step counted against a budget so that a hostile or cyclic document costs a bounded amount of work.
 * Pure; never throws on a shape it does not expect (the answer is then "not found").
 */

/** The most `$ref`s followed in a row (a chain longer than this is treated as unresolvable). */
export const maxRefChain = 16;
/** The most nested levels `allOf` is merged through. */
export const maxSchemaDepth = 32;
/** The most nodes one document's walk may visit, all lookups together. */
export const maxWalkSteps = 20_000;

export class SchemaWalker {
  readonly #doc: JsonObject;
  #steps = 0;

  constructor(doc: JsonObject) {
    this.#doc = doc;
  }

  /** True once the budget is spent: every further lookup answers undefined. */
  get exhausted(): boolean {
    return this.#steps >= maxWalkSteps;
  }

  #step(): boolean {
    this.#steps++;
    return this.#steps <= maxWalkSteps;
  }

  /** `node` with its `$ref` chain followed (local refs `#/...` only); undefined if unresolvable. */
  deref(node: unknown): JsonObject | undefined {
    let current = node;
    for (let hops = 0; hops <= maxRefChain; hops++) {
      if (!this.#step() || !isObject(current)) return undefined;
      const ref = current.$ref;
      if (typeof ref !== 'string') return current;
      current = this.#pointer(ref);
    }
    return undefined;
  }

  /** The JSON pointer `#/a/b` in the document (with `~0`/`~1` escapes). */
  #pointer(ref: string): unknown {
    if (!ref.startsWith('#/') || ref.length > 1024) return undefined;
    let current: unknown = this.#doc;
    for (const raw of ref.slice(2).split('/')) {
      if (!this.#step() || !isObject(current)) return undefined;
      const key = decodePointerSegment(raw);
      if (!Object.hasOwn(current, key)) return undefined;
      current = current[key];
    }
    return current;
  }

  /**
   * The properties a schema declares, its own and those of every `allOf` part (and `oneOf`/`anyOf`
   * alternatives, since any of them may be what is returned), by name. Empty when there are none.
   */
  properties(schema: unknown, depth = 0): Map<string, unknown> {
    const out = new Map<string, unknown>();
    const resolved = this.deref(schema);
    if (resolved === undefined || depth > maxSchemaDepth) return out;
    if (isObject(resolved.properties)) {
      for (const [name, value] of Object.entries(resolved.properties)) {
        if (!this.#step()) return out;
        if (!out.has(name)) out.set(name, value);
      }
    }
    for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
      const parts = resolved[key];
      if (!Array.isArray(parts)) continue;
      for (const part of parts) {
        for (const [name, value] of this.properties(part, depth + 1)) if (!out.has(name)) out.set(name, value);
      }
    }
    return out;
  }

  /** The schema of one property of `schema`, resolved; undefined when it has none by that name. */
  property(schema: unknown, name: string): JsonObject | undefined {
    const value = this.properties(schema).get(name);
    return value === undefined ? undefined : this.deref(value);
  }

  /** The item schema of an array schema, resolved (`items`). */
  items(schema: unknown): JsonObject | undefined {
    const resolved = this.deref(schema);
    return resolved === undefined ? undefined : this.deref(resolved.items);
  }
}

function decodePointerSegment(segment: string): string {
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // Not percent-encoded after all: the segment as it is.
  }
  return decoded.replace(/~1/g, '/').replace(/~0/g, '~');
}
