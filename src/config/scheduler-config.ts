/**
 * Imports Guidewire's scheduler-config.xml (`scheduler_config_file:`): the `<ProcessSchedule>` entries
 * that apply in `scheduler_env`, each `<CronSchedule>` as a Quartz expression with Guidewire's defaults.
 *
 * The XML parser is saxes: strict well-formedness (namespaces included), a position for every event, no
 * DTD processing, no dependencies. fast-xml-parser was not chosen because it gives no element positions
 * (errors must name the line), @xmldom/xmldom because it builds a whole DOM for what is one pass and, by
 * default, recovers from malformed markup (reporting it to an error handler) rather than refusing it.
 * Pure: the caller reads the file.
 */
import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';
import { compileQuartz, CronSyntaxError, cronFields, guidewireCronExpression, type CronField } from '../cron/quartz.js';
import { ConfigError, type ConfigProblem } from '../errors.js';
import { suggestKey } from './issues.js';
import type { ImportedSchedule, SchedulerImport } from './types.js';

/** Bounds on a scheduler-config.xml (docs/configuration.md "Schedules"). */
export const schedulerConfigLimits = {
  /** A real file is tens of kilobytes; the base configuration of a suite under 100 KiB. */
  maxBytes: 4 * 1024 * 1024,
  /** `<ProcessSchedule>` plus `<CronSchedule>` elements, all environments together. */
  maxEntries: 10_000,
  /** Longest attribute value: a Quartz field listing every minute is 170 characters. */
  maxAttributeLength: 512,
} as const;

const cronAttributes: readonly string[] = cronFields;

interface Position {
  readonly line: number;
  readonly column: number;
}

/** Line starts of `text`, for turning string offsets into 1-based line and column. */
function lineIndex(text: string): (offset: number) => Position {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
  };
}

/** Thrown inside the parser's handlers to stop at the first well-formedness error. */
class Stop extends Error {}

interface OpenProcess {
  readonly code: string | undefined;
  readonly env: string | undefined;
  readonly crons: number;
}

/**
 * Parses the text of a scheduler-config.xml. `file` names it in errors; `env` selects entries as
 * Guidewire does: an entry without `env` applies everywhere, one with `env` only when it equals `env` as
 * written (case-sensitive). Every CronSchedule of a process is kept: it runs on each. Throws one
 * ConfigError (file, line, column of the element or attribute) listing every problem: malformed XML
 * (the first error only), a DOCTYPE, a ProcessSchedule without `process`, a CronSchedule outside a
 * ProcessSchedule, an unknown or empty CronSchedule attribute, a bad cron field, a bound exceeded.
 */
export function parseSchedulerConfig(text: string, file: string, env: string | undefined): SchedulerImport {
  const problems: ConfigProblem[] = [];
  const at = lineIndex(text);
  const fail = (position: Position, path: string, message: string): void => void problems.push({ file, ...position, path, message });
  if (Buffer.byteLength(text, 'utf8') > schedulerConfigLimits.maxBytes) {
    throw new ConfigError([{ file, path: '', message: `the file is larger than ${schedulerConfigLimits.maxBytes / 1024 / 1024} MiB` }]);
  }

  const parser = new SaxesParser({ xmlns: true, position: true });
  // Positions are found in the text: saxes reports where it is, which is past the name or value.
  const elementAt = (name: string): Position => at(Math.max(0, text.lastIndexOf(`<${name}`, parser.position)));
  const attributeAt = (name: string): Position => {
    for (let i = text.lastIndexOf(name, parser.position); i > 0; i = text.lastIndexOf(name, i - 1)) {
      if (/\s/.test(text[i - 1] ?? '') && /^\s*=/.test(text.slice(i + name.length, i + name.length + 64))) return at(i);
    }
    return at(parser.position);
  };

  const processes = new Map<string, ImportedSchedule[]>();
  const envs = new Set<string>();
  let skippedByEnv = 0;
  let entries = 0;
  /** The open elements, innermost last, with where each starts. */
  const stack: { readonly name: string; readonly local: string; readonly line: number }[] = [];
  let lastClosed: (typeof stack)[number] | undefined;
  let current: OpenProcess | undefined;
  const starts: Position[] = [];

  parser.on('doctype', () => {
    fail(at(Math.max(0, text.lastIndexOf('<!DOCTYPE', parser.position))), '', 'a DOCTYPE is not allowed (scheduler-config.xml has none; refused so that no entity is ever expanded: XXE, "billion laughs")');
    throw new Stop();
  });
  parser.on('error', (err) => {
    const match = /^(?:.*?:)?(\d+):(\d+): (.*)$/s.exec(err.message);
    const position = match === null ? { line: parser.line, column: parser.column + 1 } : { line: Number(match[1]), column: Number(match[2]) + 1 };
    // saxes names no element: say which one. On a mismatched close tag it has already closed (and
    // reported to 'closetag') the element left open.
    const reason = match?.[3] ?? err.message;
    const mismatched = reason.startsWith('unexpected close tag');
    const open = mismatched ? lastClosed : stack.at(-1);
    const where = open === undefined ? '' : `<${open.name}> from line ${open.line}`;
    const context = where === '' ? '' : mismatched ? ` (${where} is not closed)` : ` (inside ${where})`;
    fail(position, '', `malformed XML: ${reason}${context}`);
    throw new Stop();
  });
  parser.on('opentagstart', (tag) => void starts.push(elementAt(tag.name)));
  parser.on('opentag', (tag: SaxesTagNS) => {
    const start = starts.pop() ?? at(parser.position);
    const parent = stack.at(-1)?.local;
    stack.push({ name: tag.name, local: tag.local, line: start.line });
    if (tag.local !== 'ProcessSchedule' && tag.local !== 'CronSchedule') return;
    entries += 1;
    if (entries > schedulerConfigLimits.maxEntries) {
      fail(start, '', `more than ${schedulerConfigLimits.maxEntries} ProcessSchedule and CronSchedule elements`);
      throw new Stop();
    }
    const attributes = Object.values(tag.attributes).filter((a) => a.prefix === '' && a.local !== 'xmlns');
    const long = attributes.find((a) => a.value.length > schedulerConfigLimits.maxAttributeLength);
    if (long !== undefined) {
      fail(attributeAt(long.name), '', `attribute ${long.name} is longer than ${schedulerConfigLimits.maxAttributeLength} characters`);
      return;
    }
    if (tag.local === 'ProcessSchedule') {
      if (current !== undefined) fail(start, '', 'a ProcessSchedule inside another ProcessSchedule');
      const code = tag.attributes['process']?.value;
      const entryEnv = tag.attributes['env']?.value;
      if (code === undefined || code.trim() === '') fail(start, 'ProcessSchedule', 'missing the "process" attribute (the batch process type code)');
      if (entryEnv !== undefined) envs.add(entryEnv);
      current = { code: code?.trim(), env: entryEnv, crons: 0 };
      return;
    }
    if (parent !== 'ProcessSchedule' || current === undefined) {
      fail(start, 'CronSchedule', 'a CronSchedule outside a ProcessSchedule (Guidewire would not know which process it schedules)');
      return;
    }
    current = { ...current, crons: current.crons + 1 };
    const path = `ProcessSchedule[@process='${current.code ?? ''}']/CronSchedule[${current.crons}]`;
    const expression = cronExpression(attributes, path, fail, attributeAt, start);
    if (expression === undefined || current.code === undefined || current.code === '') return;
    if (current.env !== undefined && current.env !== env) {
      skippedByEnv += 1;
      return;
    }
    const list = processes.get(current.code) ?? [];
    list.push(Object.freeze({ expression, source: `${file}:${start.line}` }));
    processes.set(current.code, list);
  });
  parser.on('closetag', (tag) => {
    lastClosed = stack.pop();
    if (tag.local === 'ProcessSchedule') current = undefined;
  });

  try {
    parser.write(text).close();
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
  }
  if (problems.length > 0) throw new ConfigError(problems);
  // deepFreeze (build.ts) does not reach into a Map.
  for (const list of processes.values()) Object.freeze(list);
  const warnings = importWarnings(env, envs, skippedByEnv);
  return { file, ...(env !== undefined && { env }), processes, ...(warnings.length > 0 && { warnings }) };
}

/** The Quartz expression of one CronSchedule, or undefined after reporting what is wrong with it. */
function cronExpression(
  attributes: readonly SaxesAttributeNS[],
  path: string,
  fail: (position: Position, path: string, message: string) => void,
  attributeAt: (name: string) => Position,
  start: Position,
): string | undefined {
  let ok = true;
  const fields: Partial<Record<CronField, string>> = {};
  for (const { local, value } of attributes) {
    if (!cronAttributes.includes(local)) {
      const suggestion = suggestKey(local, cronAttributes);
      fail(attributeAt(local), `${path}/@${local}`, `unknown CronSchedule attribute "${local}"${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}`);
      ok = false;
    } else if (value.trim() === '' || /\s/.test(value.trim())) {
      fail(attributeAt(local), `${path}/@${local}`, `${local}="${value}": a cron field is one word without spaces (write lists as 0,30)`);
      ok = false;
    } else {
      fields[local as CronField] = value.trim();
    }
  }
  if (!ok) return undefined;
  const expression = guidewireCronExpression(fields);
  try {
    compileQuartz(expression, 'UTC');
    return expression;
  } catch (err) {
    if (!(err instanceof CronSyntaxError)) throw err;
    const field = err.field;
    const given = field === undefined ? undefined : fields[field];
    if (field !== undefined && given !== undefined) {
      fail(attributeAt(field), `${path}/@${field}`, `${field}="${given}": ${err.message.replace(`${field}: `, '')}`);
    } else {
      fail(start, path, `invalid schedule (${expression}): ${err.message}`);
    }
    return undefined;
  }
}

/** A `scheduler_env` no entry names, or env-specific entries left out because no `scheduler_env` is set. */
function importWarnings(env: string | undefined, envs: ReadonlySet<string>, skipped: number): string[] {
  const listed = [...envs].sort().map((e) => `"${e}"`).join(', ');
  if (env !== undefined && !envs.has(env)) {
    const names = envs.size === 0 ? 'the file has no env-specific entries' : `the file names ${listed}`;
    return [`scheduler_env "${env}" matches no env attribute (${names}; env names are compared as written, case-sensitive): only entries without env apply`];
  }
  if (env === undefined && skipped > 0) {
    return [`${skipped} CronSchedule entries with an env attribute (${listed}) are ignored because scheduler_env is not set`];
  }
  return [];
}
