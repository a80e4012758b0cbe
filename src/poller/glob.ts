/** Glob patterns over batch process type codes: `*` (any run of characters) and `?` (one character). */

/** True when the pattern has no glob characters, i.e. names exactly one type code. */
export function isLiteral(pattern: string): boolean {
  return !/[*?]/.test(pattern);
}

/** Compiles a glob to an anchored, case-sensitive RegExp (type codes are case-sensitive). */
function globToRegExp(pattern: string): RegExp {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  // `s`: `*` and `?` match line terminators too; `u`: `?` is one code point, not one UTF-16 unit.
  return new RegExp(`^${source}$`, 'su');
}

export interface TypeFilter {
  /** True when every include pattern is a literal: no list call is needed. */
  readonly literalOnly: boolean;
  /** The literal codes to fetch when `literalOnly` (excludes already applied). */
  readonly literals: readonly string[];
  matches(code: string): boolean;
}

/** Builds the include/exclude filter of a target. Pure. */
export function createTypeFilter(include: readonly string[], exclude: readonly string[]): TypeFilter {
  const includes = include.map(globToRegExp);
  const excludes = exclude.map(globToRegExp);
  const matches = (code: string): boolean =>
    includes.some((re) => re.test(code)) && !excludes.some((re) => re.test(code));
  const literalOnly = include.every(isLiteral);
  const literals = literalOnly ? [...new Set(include)].filter(matches) : [];
  return { literalOnly, literals, matches };
}

/** Returns a lookup of the first item (override) whose `match` glob matches a code. Pure. */
export function firstMatcher<T extends { readonly match: string }>(items: readonly T[]): (code: string) => T | undefined {
  const compiled = items.map((item) => ({ item, re: globToRegExp(item.match) }));
  return (code) => compiled.find(({ re }) => re.test(code))?.item;
}
