import { cronFields, guidewireCronExpression } from '../cron/quartz.js';
import { demoSchedulerSections, type ProcessScheduleEntry, type ScheduleSection } from './demo-scheduler-config.js';

/**
 * The demo application's scheduler-config.xml (rendered from `demo-scheduler-config.ts`, so dist/ has it and
 * docs/examples/scheduler-config.xml is the same text), and the Quartz expressions it gives each process
 * in an environment, chosen the way Guidewire's scheduler chooses them.
 */

/** Guidewire's scheduler configuration namespace, on the root element as in the shipped file. */
export const SCHEDULER_NAMESPACE = 'http://guidewire.com/scheduler';

const escapeAttribute = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// `--` may not appear inside an XML comment.
const comment = (indent: string, text: string): string => `${indent}<!-- ${text.replace(/--/g, '- -')} -->`;

function entryXml(entry: ProcessScheduleEntry): string[] {
  const env = entry.env === undefined ? '' : ` env="${escapeAttribute(entry.env)}"`;
  const lines = entry.comment === undefined ? [] : [comment('  ', entry.comment)];
  lines.push(`  <ProcessSchedule process="${escapeAttribute(entry.process)}"${env}>`);
  for (const cron of entry.crons) {
    // Attributes in Quartz field order, as Guidewire's own file writes them.
    const attributes = cronFields.flatMap((field) => (cron[field] === undefined ? [] : [`${field}="${escapeAttribute(cron[field])}"`]));
    lines.push(`    <CronSchedule ${attributes.join(' ')}/>`);
  }
  lines.push('  </ProcessSchedule>');
  return lines;
}

/** Renders `sections` as a scheduler-config.xml document (UTF-8, LF line ends, a final newline). */
export function renderSchedulerConfig(sections: readonly ScheduleSection[]): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    comment('', 'Batch process schedules of the demo application (a ClaimCenter-like server), read by the scheduler at startup.'),
    comment('', 'CronSchedule attributes are Quartz fields; omitted ones default to seconds 0, minutes 0, hours *, dayofmonth *, month *, dayofweek ?.'),
    comment('', 'Times are the server\'s time zone. An entry without env applies in every environment; one with env only there.'),
    `<SchedulerConfig xmlns="${SCHEDULER_NAMESPACE}">`,
  ];
  for (const section of sections) {
    lines.push('', comment('  ', section.banner));
    for (const entry of section.entries) lines.push(...entryXml(entry));
  }
  lines.push('</SchedulerConfig>', '');
  return lines.join('\n');
}

/** The demo application's scheduler-config.xml. */
export const demoSchedulerConfigXml: string = renderSchedulerConfig(demoSchedulerSections);

/**
 * The Quartz expressions of each process in `env` (entries without `env` always apply; names compared as
 * written): what the scheduler of a server started in `env` runs. A process listed twice runs on both.
 */
export function schedulesForEnv(env: string | undefined, sections: readonly ScheduleSection[] = demoSchedulerSections): ReadonlyMap<string, readonly string[]> {
  const byCode = new Map<string, string[]>();
  for (const entry of sections.flatMap((s) => s.entries)) {
    if (entry.env !== undefined && entry.env !== env) continue;
    const expressions = byCode.get(entry.process) ?? [];
    expressions.push(...entry.crons.map((cron) => guidewireCronExpression(cron)));
    byCode.set(entry.process, expressions);
  }
  return byCode;
}
