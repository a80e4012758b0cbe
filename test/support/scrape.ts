import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';

export interface Series {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** Families by name, parsed by an independent parser (parse-prometheus-text-format, after prom2json). */
export type Scrape = ReadonlyMap<string, { readonly type: string; readonly help: string; readonly series: readonly Series[] }>;

/**
 * GETs a URL over a real socket with node:http (which, unlike fetch, leaves gzip to us) and returns
 * status, headers and the body, gunzipped when the server compressed it.
 */
export function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const buffer = Buffer.concat(chunks);
        const text = res.headers['content-encoding'] === 'gzip' ? gunzipSync(buffer).toString('utf8') : buffer.toString('utf8');
        const out = new Headers();
        for (const [key, value] of Object.entries(res.headers)) if (typeof value === 'string') out.set(key, value);
        resolve({ status: res.statusCode ?? 0, headers: out, text });
      });
    });
    req.on('error', reject);
    req.end();
  });
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
