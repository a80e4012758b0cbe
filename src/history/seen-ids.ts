/**
 * The ids of the most recent runs already accounted for, capped in size. Reading stops at the first
 * known run from the newest end, so only the newest few ids matter; older ones are forgotten.
 * Immutable: `add` returns a new value.
 */
export class SeenIds {
  static readonly defaultCapacity = 64;
  readonly #ids: readonly string[];
  readonly #set: ReadonlySet<string>;
  readonly capacity: number;

  constructor(ids: readonly string[] = [], capacity = SeenIds.defaultCapacity) {
    this.capacity = capacity;
    this.#ids = ids.length > capacity ? ids.slice(ids.length - capacity) : ids;
    this.#set = new Set(this.#ids);
  }

  has(id: string): boolean {
    return this.#set.has(id);
  }

  get size(): number {
    return this.#ids.length;
  }

  /** Adds ids, given oldest first; the oldest are dropped past the capacity. */
  add(ids: readonly string[]): SeenIds {
    const fresh = ids.filter((id) => !this.#set.has(id));
    return fresh.length === 0 ? this : new SeenIds([...this.#ids, ...fresh], this.capacity);
  }
}
