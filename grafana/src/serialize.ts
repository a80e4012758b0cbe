/** Copies a JSON value with the keys of every object sorted, so that the files diff well and never churn. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([key, item]) => [key, sortKeys(item)]));
  }
  return value;
}

/** The committed form of a dashboard: sorted keys, 2-space indent, trailing newline. */
export function serializeDashboard(dashboard: object): string {
  return `${JSON.stringify(sortKeys(dashboard), null, 2)}\n`;
}
