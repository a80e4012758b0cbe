/** Just enough PromQL reading for the dashboard tests: the metric names and variables of an expression. */

const keywords = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan']);

/**
 * Metric names an expression selects: identifiers outside strings, label matchers, ranges and label
 * lists that are neither functions/aggregations (followed by `(`) nor keywords.
 */
export function metricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names: string[] = [];
  for (const match of stripped.matchAll(/(?<![\w.])[A-Za-z_:][\w:]*/g)) {
    const rest = stripped.slice((match.index ?? 0) + match[0].length).trimStart();
    if (rest.startsWith('(') || keywords.has(match[0].toLowerCase())) continue;
    names.push(match[0]);
  }
  return names;
}

/** Names of the `$var` / `${var}` / `${var:format}` references in a text. */
export function variableNames(text: string): string[] {
  return [...text.matchAll(/\$\{?(\w+)/g)].map((match) => match[1] ?? '');
}
