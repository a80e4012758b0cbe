/**
 * The probe's terminal report: per target a header line, its problems with hints, and a table of its
 * batch processes. Pure: rows, options and `now` in, a string out.
 */
import { ago, humanDuration, paint, truncate, type Style } from './format.js';
import type { ProbeProblem, TargetReport } from './report.js';
import type { ProcessFlag, ProcessRow, ScheduleCell } from './rows.js';

export interface RenderOptions {
  /** ANSI colours on or off; off means not one escape sequence in the output. */
  readonly color: boolean;
  /** Terminal columns; long type codes are cut to fit. Absent (not a terminal): nothing is cut. */
  readonly width?: number;
  /** Milliseconds since the epoch, for ages and running durations. */
  readonly now: number;
}

interface Cell {
  readonly text: string;
  readonly style?: Style;
}

interface Column {
  readonly title: string;
  readonly right?: boolean;
  /** Usually one cell; the flags column gives one per flag, joined with `, `. */
  cells(row: ProcessRow, now: number): readonly Cell[];
}

const stateStyles: Record<ProcessRow['state'], Style> = { completed: 'green', running: 'cyan', failed: 'red', never_run: 'yellow', unknown: 'dim' };
const flagStyle = (flag: ProcessFlag): Style => (flag === 'FAILED OPS' || flag === 'LATE' || flag === 'DEADLINE MISSED' ? 'red' : 'yellow');
const sourceWords: Record<ScheduleCell['source'], string> = { config: 'config', scheduler_config: 'scheduler-config.xml', learned: 'learned' };
const one = (value: string | number | undefined, style?: Style): readonly Cell[] =>
  value === undefined ? [] : [style === undefined ? { text: String(value) } : { text: String(value), style }];

const baseColumns: readonly Column[] = [
  { title: 'PROCESS', cells: (row) => one(row.code) },
  { title: 'STATE', cells: (row) => one(row.state.replace('_', ' '), stateStyles[row.state]) },
  { title: 'PROGRESS', cells: (row) => one(row.progress) },
  { title: 'OPS', right: true, cells: (row) => one(row.opsCompleted) },
  { title: 'FAILED', right: true, cells: (row) => one(row.failedOps, (row.failedOps ?? 0) > 0 ? 'red' : undefined) },
  { title: 'LAST START', cells: (row, now) => one(row.startedAt === undefined ? undefined : ago(row.startedAt, now)) },
  { title: 'COMPLETED', cells: (row, now) => one(row.completedAt === undefined ? undefined : ago(row.completedAt, now)) },
  { title: 'DURATION', right: true, cells: (row) => one(row.durationMs === undefined ? undefined : humanDuration(row.durationMs)) },
  { title: 'FLAGS', cells: (row) => row.flags.map((flag) => ({ text: flag, style: flagStyle(flag) })) },
];

/** Shown only when some process of the target has a schedule (see `scheduleNote`). */
const scheduleColumns: readonly Column[] = [
  {
    title: 'SCHEDULE',
    cells: (row) => (row.schedule === undefined ? one('unknown', 'dim') : one(`${row.schedule.label} (${sourceWords[row.schedule.source]}, ${row.schedule.timezone})`)),
  },
  { title: 'NEXT RUN', cells: (row, now) => one(row.schedule?.nextAt === undefined ? undefined : ago(row.schedule.nextAt, now)) },
];

/** Why a process shows no schedule: the probe reads no run history, so it cannot learn a cadence. */
const scheduleNote = 'schedule unknown: none configured (overrides schedule:) or imported (scheduler_config_file:); a learned cadence needs the run history, which probe does not read';

const indent = '  ';
const gap = '  ';
/** Type codes are never cut shorter than this, however narrow the terminal. */
const minCodeWidth = 12;

const plain = (cells: readonly Cell[]): string => cells.map((cell) => cell.text).join(', ');

/** Pads the cells to `width` (on the left when `right`), colouring each part. */
function show(cells: readonly Cell[], width: number, right: boolean, color: boolean): string {
  const pad = ' '.repeat(Math.max(0, width - plain(cells).length));
  const painted = cells.map((cell) => paint(cell.text, cell.style, color)).join(', ');
  return right ? pad + painted : painted + pad;
}

/** The process table, type codes cut to fit `width` when given. */
export function renderProcessTable(rows: readonly ProcessRow[], options: RenderOptions): string {
  // The flags stay last: the schedule columns go before them, and only when some process has a schedule.
  const columns = rows.some((row) => row.schedule !== undefined) ? [...baseColumns.slice(0, -1), ...scheduleColumns, ...baseColumns.slice(-1)] : baseColumns;
  const grid = rows.map((row) => columns.map((column) => column.cells(row, options.now)));
  const widths = columns.map((column, i) => Math.max(column.title.length, ...grid.map((cells) => plain(cells[i] ?? []).length)));
  const total = indent.length + widths.reduce((a, b) => a + b, 0) + gap.length * (widths.length - 1);
  if (options.width !== undefined && total > options.width) {
    widths[0] = Math.max(minCodeWidth, (widths[0] ?? 0) - (total - options.width));
  }
  const codeWidth = widths[0] ?? 0;
  const line = (cells: readonly (readonly Cell[])[]): string =>
    (indent + cells.map((cell, i) => show(cell, widths[i] ?? 0, columns[i]?.right === true, options.color)).join(gap)).trimEnd();
  const header = line(columns.map((column) => one(column.title, 'bold')));
  const body = grid.map(([code = [], ...rest]) => line([one(truncate(plain(code), codeWidth)), ...rest]));
  return [header, ...body].join('\n');
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `server clock 1m30s ahead, America/Chicago`, from /system-time. */
function serverClock(time: NonNullable<TargetReport['serverTime']>): string {
  const offset = Math.abs(time.offsetMs) < 1_000 ? 'in step' : `${humanDuration(Math.abs(time.offsetMs))} ${time.offsetMs > 0 ? 'ahead' : 'behind'}`;
  return `server clock ${offset}${time.zoneId === undefined ? '' : `, ${time.zoneId}`}`;
}

function renderProblem(problem: ProbeProblem, color: boolean): string {
  return [
    `${indent}${paint('problem:', 'red', color)} ${paint(problem.problem, 'bold', color)}`,
    `${indent}error:   ${problem.error}`,
    `${indent}hint:    ${problem.hint}`,
  ].join('\n');
}

/** One target: header line, then its problems, then its processes. */
export function renderTarget(report: TargetReport, options: RenderOptions): string {
  const { color } = options;
  const header = [
    paint(report.name, 'bold', color),
    report.baseUrl,
    report.up ? paint('UP', 'green', color) : paint('DOWN', 'red', color),
    `poll ${humanDuration(report.durationSeconds * 1000)}`,
    plural(report.requests, 'request', 'requests'),
    plural(report.processes.length, 'process', 'processes'),
    ...(report.serverTime === undefined ? [] : [serverClock(report.serverTime)]),
  ].join(gap);
  const parts = [header, ...report.problems.map((problem) => renderProblem(problem, color))];
  if (report.schema !== undefined) parts.push(...report.schema.map((line) => `${indent}${line}`));
  // Process times are on Guidewire's clock: judge them against it when /system-time told the offset.
  const serverNow = { ...options, now: options.now + (report.serverTime?.offsetMs ?? 0) };
  if (report.processes.length > 0) parts.push(renderProcessTable(report.processes, serverNow));
  if (report.processes.some((row) => row.schedule === undefined)) parts.push(`${indent}${paint(scheduleNote, 'dim', color)}`);
  else if (report.up) parts.push(`${indent}${paint('no batch process matched batch_processes.include', 'dim', color)}`);
  return parts.join('\n');
}

/** Every target, a blank line apart, then a one-line summary. */
export function renderReport(reports: readonly TargetReport[], options: RenderOptions): string {
  const down = reports.filter((report) => !report.up).length;
  const summary = `${plural(reports.length, 'target', 'targets')}: ${reports.length - down} up, ${down} down`;
  return `${[...reports.map((report) => renderTarget(report, options)), paint(summary, down === 0 ? 'green' : 'red', options.color)].join('\n\n')}\n`;
}
