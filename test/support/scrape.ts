import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';

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

const labelPattern = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/gy;

function unescapeLabel(value: string): string {
  return value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

/** Parses one sample line `name{a="b",...} value`; throws on anything malformed. */
function parseSampleLine(line: string): { name: string; labels: Record<string, string>; value: number } {
  const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)?.[0];
  if (name === undefined) throw new Error(`bad sample line: ${line}`);
  let rest = line.slice(name.length);
  const labels: Record<string, string> = {};
  if (rest.startsWith('{')) {
    let i = 1;
    while (rest[i] !== '}') {
      labelPattern.lastIndex = i;
      const m = labelPattern.exec(rest);
      if (m === null) throw new Error(`bad labels: ${line}`);
      labels[m[1] as string] = unescapeLabel(m[2] as string);
      i = labelPattern.lastIndex;
      if (rest[i] === ',') i++;
    }
    rest = rest.slice(i + 1);
  }
  const text = rest.trim().split(/\s+/)[0] ?? '';
  const value = text === '+Inf' ? Infinity : text === '-Inf' ? -Infinity : Number(text);
  if (text === '' || (Number.isNaN(value) && text !== 'NaN')) throw new Error(`bad value: ${line}`);
  return { name, labels, value };
}

/**
 * Parses Prometheus text exposition into families keyed by *sample* name, so a histogram's
 * `_bucket`, `_sum` and `_count` series are read like any other (each carries the histogram's type).
 * Strict: a malformed line throws.
 */
export function parseExposition(text: string): Scrape {
  const types = new Map<string, { type: string; help: string }>();
  const families = new Map<string, { type: string; help: string; series: Series[] }>();
  for (const line of text.split('\n')) {
    if (line === '' || line === '# EOF') continue;
    const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
    if (meta !== null) {
      const entry = types.get(meta[2] as string) ?? { type: 'untyped', help: '' };
      if (meta[1] === 'TYPE') entry.type = meta[3] as string;
      else entry.help = meta[3] as string;
      types.set(meta[2] as string, entry);
      continue;
    }
    if (line.startsWith('#')) continue;
    const sample = parseSampleLine(line);
    const base = types.get(sample.name) ?? types.get(sample.name.replace(/_(bucket|sum|count|total|created)$/, '')) ?? { type: 'untyped', help: '' };
    const family = families.get(sample.name) ?? { ...base, series: [] };
    family.series.push({ labels: sample.labels, value: sample.value });
    families.set(sample.name, family);
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
