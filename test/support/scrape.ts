import { gunzipSync } from 'node:zlib';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';

export interface Series {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** Families by name, parsed by an independent parser (parse-prometheus-text-format, after prom2json). */
export type Scrape = ReadonlyMap<string, { readonly type: string; readonly help: string; readonly series: readonly Series[] }>;

/** GETs a URL over a real socket and returns status, headers and the (gunzipped) body. */
export async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(url, { headers: { 'accept-encoding': 'identity', ...headers } });
  const buffer = Buffer.from(await response.arrayBuffer());
  const text = response.headers.get('content-encoding') === 'gzip' ? gunzipSync(buffer).toString('utf8') : buffer.toString('utf8');
  return { status: response.status, headers: response.headers, text };
}

/** Parses exposition text into families of series (histograms and summaries are left as they are). */
export function parseExposition(text: string): Scrape {
  const families = new Map<string, { type: string; help: string; series: Series[] }>();
  for (const family of parsePrometheusTextFormat(text)) {
    const series = family.metrics
      .filter((m) => m.value !== undefined)
      .map((m) => ({ labels: m.labels ?? {}, value: Number(m.value) }));
    families.set(family.name, { type: family.type.toLowerCase(), help: family.help, series });
  }
  return families;
}

/** Scrapes `/metrics` (or another path) and parses it. */
export async function scrape(url: string): Promise<Scrape> {
  const response = await get(url);
  if (response.status !== 200) throw new Error(`scrape of ${url} answered ${response.status}`);
  return parseExposition(response.text);
}

/** The value of the one series of `name` whose labels include `labels`; undefined when absent. */
export function valueOf(scrape: Scrape, name: string, labels: Record<string, string> = {}): number | undefined {
  const matches = (scrape.get(name)?.series ?? []).filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (matches.length > 1) throw new Error(`${name} ${JSON.stringify(labels)} matches ${matches.length} series`);
  return matches[0]?.value;
}

/** Every series of a family whose labels include `labels`. */
export function seriesOf(scrape: Scrape, name: string, labels: Record<string, string> = {}): readonly Series[] {
  return (scrape.get(name)?.series ?? []).filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v));
}

/** Polls `check` until it returns a value that is not undefined, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000, stepMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms${last === undefined ? '' : `: ${String(last)}`}`);
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
}
