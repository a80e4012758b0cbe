/**
 * A pure serializer for the Prometheus text format (0.0.4) and OpenMetrics 1.0.0.
 * Plain data in, a string out: no prom-client, no clock. Golden-tested in test/unit/metrics.
 */

export type MetricType = 'gauge' | 'counter' | 'histogram' | 'summary' | 'untyped';

export interface Sample {
  /** Full sample name, e.g. `foo_bucket` for a histogram bucket of family `foo`. */
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface MetricFamily {
  /** Family name as Prometheus knows it; counters include their `_total` suffix. */
  readonly name: string;
  readonly help: string;
  readonly type: MetricType;
  readonly samples: readonly Sample[];
}

export const ExpositionFormats = {
  text: 'text/plain; version=0.0.4; charset=utf-8',
  openMetrics: 'application/openmetrics-text; version=1.0.0; charset=utf-8',
} as const;
export type ExpositionFormat = keyof typeof ExpositionFormats;

/** Chooses OpenMetrics only when the scraper asks for it, as Prometheus' own client libraries do. */
export function negotiateFormat(accept: string | undefined): ExpositionFormat {
  return accept !== undefined && accept.includes('application/openmetrics-text') ? 'openMetrics' : 'text';
}

/** Formats a sample value the way Prometheus parses it. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

// A lone UTF-16 surrogate has no UTF-8 encoding: on the wire it would become U+FFFD and two distinct
// values could collide into one series. Spell such a code unit out as text instead.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Any character that needs escaping (backslash, newline, quote) or a surrogate to check. */
const needsEscape = /[\\\n"\uD800-\uDFFF]/;

function escapeLabelValue(value: string): string {
  // Nearly every value (type codes, target names) needs nothing: skip the replacements.
  if (!needsEscape.test(value)) return value;
  return value
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/"/g, '\\"')
    .replace(loneSurrogate, (unit) => `\\\\u${unit.charCodeAt(0).toString(16).toUpperCase()}`);
}

function escapeHelp(help: string, format: ExpositionFormat): string {
  const escaped = help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
  return format === 'openMetrics' ? escaped.replace(/"/g, '\\"') : escaped;
}

/** `{a="1",b="2"}`, or the empty string for no labels. Label order is the object's insertion order. */
function formatLabels(labels: Readonly<Record<string, string>>): string {
  const pairs = formatLabelPairs(labels);
  return pairs === '' ? '' : `{${pairs}}`;
}

/** `a="1",b="2"` without braces, for callers that join label sets. */
export function formatLabelPairs(labels: Readonly<Record<string, string>>): string {
  let out = '';
  for (const key in labels) out += `${out === '' ? '' : ','}${key}="${escapeLabelValue(labels[key] as string)}"`;
  return out;
}

/** One exposition line for a sample, with its trailing newline. */
function formatSample(sample: Sample): string {
  return `${sample.name}${formatLabels(sample.labels)} ${formatValue(sample.value)}\n`;
}

/** The `# HELP` and `# TYPE` lines of a family in the given format. */
export function familyHeader(family: Pick<MetricFamily, 'name' | 'help' | 'type'>, format: ExpositionFormat): string {
  if (format === 'text') {
    return `# HELP ${family.name} ${escapeHelp(family.help, format)}\n# TYPE ${family.name} ${family.type}\n`;
  }
  // OpenMetrics names a counter family without its `_total` suffix and calls untyped "unknown".
  const name = family.type === 'counter' ? family.name.replace(/_total$/, '') : family.name;
  const type = family.type === 'untyped' ? 'unknown' : family.type;
  return `# HELP ${name} ${escapeHelp(family.help, format)}\n# TYPE ${name} ${type}\n`;
}

/**
 * Serializes families in the given order. Families without samples are left out, as the Go client does.
 */
export function serialize(families: readonly MetricFamily[], format: ExpositionFormat): string {
  let out = '';
  for (const family of families) {
    if (family.samples.length === 0) continue;
    out += familyHeader(family, format);
    for (const sample of family.samples) out += formatSample(sample);
  }
  if (format === 'openMetrics') out += '# EOF\n';
  return out;
}
