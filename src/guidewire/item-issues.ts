/**
 * Items of a collection that were rejected, aggregated per cause: a hostile page of 100,000 bad items
 * becomes one entry with a count and a few examples, not 100,000 log lines and error rows (issue 12).
 */

/** Rejected items that share one cause. */
export interface ItemIssue {
  /** What is wrong, without anything item-specific: `data[].attributes.type.code: expected a non-empty string`. */
  readonly cause: string;
  /** True when a configured limit rejected the items (`reason="limit_exceeded"`), else the items did not parse. */
  readonly limit: boolean;
  /** How many items this cause rejected. */
  readonly count: number;
  /** The first few rejected items (`item 3`, `page 2, item 0: "AAAA…" (3145728 chars)`), each bounded in length. */
  readonly examples: readonly string[];
}

/** Examples kept per cause. */
export const maxExamples = 3;

/** Characters of an upstream value kept when it is quoted in an example or a message. */
const shownValueLength = 64;

/**
 * An upstream value as it may appear in a message: at most `shownValueLength` characters, then how long
 * it really was. Pure.
 */
export function truncateValue(value: string): string {
  if (value.length <= shownValueLength) return JSON.stringify(value);
  return `${JSON.stringify(value.slice(0, shownValueLength))}… (${value.length} chars)`;
}

/** Collects rejected items per cause, in the order causes first appear. */
export class IssueTally {
  readonly #byCause = new Map<string, { cause: string; limit: boolean; count: number; examples: string[] }>();

  /** Counts `count` items rejected for `cause`; `example` is kept while fewer than `maxExamples` are. */
  add(cause: string, limit: boolean, example: string | undefined, count = 1): void {
    const key = `${limit ? 'limit' : 'invalid'}|${cause}`;
    let entry = this.#byCause.get(key);
    if (entry === undefined) {
      entry = { cause, limit, count: 0, examples: [] };
      this.#byCause.set(key, entry);
    }
    entry.count += count;
    if (example !== undefined && entry.examples.length < maxExamples) entry.examples.push(example);
  }

  /** Adds issues from elsewhere (another page), each example prefixed with `prefix` (`page 2, `). */
  addAll(issues: readonly ItemIssue[], prefix = ''): void {
    for (const issue of issues) {
      const [first, ...rest] = issue.examples.map((example) => `${prefix}${example}`);
      this.add(issue.cause, issue.limit, first, issue.count);
      for (const example of rest) this.add(issue.cause, issue.limit, example, 0);
    }
  }


  /** Every cause so far, as plain data. */
  list(): ItemIssue[] {
    return [...this.#byCause.values()].map((entry) => ({ ...entry, examples: [...entry.examples] }));
  }
}
