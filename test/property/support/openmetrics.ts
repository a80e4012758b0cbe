/**
 * A small, strict reader of OpenMetrics 1.0.0 text, enough to check the exporter's output: the
 * `# EOF` terminator, metadata before samples, families not interleaved, sample names that belong to
 * their family's type, and label values unescaped by the OpenMetrics rules (only \\, \" and \n).
 * https://github.com/prometheus/OpenMetrics/blob/main/specification/OpenMetrics.md
 */

export interface OmSample {
  readonly family: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const suffixes: Readonly<Record<string, readonly string[]>> = {
  counter: ['_total', '_created'],
  histogram: ['_bucket', '_count', '_sum', '_created'],
  gauge: [''],
  unknown: [''],
  summary: ['', '_count', '_sum', '_created'],
};

function unescapeOm(raw: string, line: string): string {
  return raw.replace(/\\(.)/g, (_, c: string) => {
    if (c === 'n') return '\n';
    if (c === '"' || c === '\\') return c;
    throw new Error(`invalid escape \\${c} in: ${line}`);
  });
}

function parseValue(text: string, line: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return Number.NaN;
  if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(text)) throw new Error(`bad value in: ${line}`);
  return Number(text);
}

/** Parses OpenMetrics text; throws on anything the specification does not allow (as far as checked here). */
export function parseOpenMetrics(text: string): OmSample[] {
  // exposition = metricset HASH SP eof [ LF ]
  const lines = (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
  if (lines.at(-1) !== '# EOF') throw new Error('"# EOF" is not the last line');
  const samples: OmSample[] = [];
  const done = new Set<string>();
  let family: { name: string; type: string } | undefined;
  for (const line of lines.slice(0, -1)) {
    if (line === '# EOF') throw new Error('"# EOF" before the end');
    const meta = /^# (HELP|TYPE|UNIT) ([a-zA-Z_:][a-zA-Z0-9_:]*)(?: (.*))?$/s.exec(line);
    if (meta !== null) {
      const [, kind, name = ''] = meta;
      if (family?.name !== name) {
        if (done.has(name)) throw new Error(`family ${name} is interleaved`);
        if (family !== undefined) done.add(family.name);
        family = { name, type: 'unknown' };
      }
      if (kind === 'TYPE') {
        const type = meta[3] ?? '';
        if (!(type in suffixes) && !['gaugehistogram', 'stateset', 'info'].includes(type)) throw new Error(`bad type in: ${line}`);
        family.type = type;
      }
      if (kind === 'HELP' && /(?<!\\)\\(?![\\n"])/.test(meta[3] ?? '')) throw new Error(`bad escape in HELP: ${line}`);
      continue;
    }
    if (line.startsWith('#') || line === '') throw new Error(`unexpected line: ${JSON.stringify(line)}`);
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})? (\S+)$/s.exec(line);
    if (m === null) throw new Error(`bad sample line: ${JSON.stringify(line)}`);
    const [, name = '', labelText, valueText = ''] = m;
    if (family === undefined) throw new Error(`sample before any metadata: ${line}`);
    const allowed = suffixes[family.type] ?? [''];
    if (!allowed.some((suffix) => name === `${family?.name}${suffix}`)) throw new Error(`sample ${name} does not belong to ${family.type} family ${family.name}`);
    const labels: Record<string, string> = {};
    if (labelText !== undefined && labelText !== '{}') {
      const pattern = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\.)*)"(,|\})/gy;
      pattern.lastIndex = 1;
      let end = 1;
      for (;;) {
        const lm = pattern.exec(labelText);
        if (lm === null) throw new Error(`bad labels: ${JSON.stringify(line)}`);
        const [, key = '', raw = '', sep] = lm;
        if (key in labels) throw new Error(`duplicate label ${key}: ${line}`);
        labels[key] = unescapeOm(raw, line);
        end = pattern.lastIndex;
        if (sep === '}') break;
      }
      if (end !== labelText.length) throw new Error(`trailing text after labels: ${line}`);
    }
    samples.push({ family: family.name, name, labels, value: parseValue(valueText, line) });
  }
  return samples;
}
