import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseSchedulerConfig, schedulerConfigLimits } from '../../../src/config/scheduler-config.js';
import { compileQuartz } from '../../../src/cron/quartz.js';
import { ConfigError } from '../../../src/errors.js';
import { compact } from './helpers.js';

const fixture = path.resolve(import.meta.dirname, '../../fixtures/scheduler/scheduler-config.xml');
const text = readFileSync(fixture, 'utf8');
const file = '/etc/gwe/scheduler-config.xml';

const expressions = (imported: ReturnType<typeof parseSchedulerConfig>, code: string): string[] | undefined =>
  imported.processes.get(code)?.map((e) => e.expression);

/** The problems of an XML text, as `line:column path: message`. */
function problems(xml: string, env?: string): string[] {
  try {
    parseSchedulerConfig(xml, file, env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems.map((p) => {
      expect(p.file).toBe(file);
      return compact(p);
    });
  }
  throw new Error('parsed without error');
}

const xml = (...lines: string[]): string => `${lines.join('\n')}\n`;

describe('parseSchedulerConfig: a realistic file', () => {
  test('in prod: entries without env and the prod ones, Guidewire defaults filled in, every CronSchedule kept, with its line', () => {
    const imported = parseSchedulerConfig(text, file, 'prod');
    expect(imported.file).toBe(file);
    expect(imported.env).toBe('prod');
    expect(imported.warnings).toBeUndefined();
    expect(imported.processes.get('ActivityEsc')).toEqual([{ expression: '0 0,30 * * * ?', source: `${file}:9` }]);
    expect(expressions(imported, 'OpenPolicyException')).toEqual(['0 0 2 * * ?']);
    expect(expressions(imported, 'PolicyRenewalStart')).toEqual(['0 30 1 * * ?']);
    expect(expressions(imported, 'PurgeWorkflows')).toEqual(['30 10 3 * * ?']);
    // A day of week with the default day of month makes the day of month '?'.
    expect(expressions(imported, 'ProcessHistoryPurge')).toEqual(['0 0 4 ? * 1']);
    expect(expressions(imported, 'BoundPolicyException')).toEqual(['0 0 12 ? * 7#1']);
    expect(expressions(imported, 'ArchivePolicyTerm')).toEqual(['0 45 23 L * ?']);
    expect(expressions(imported, 'WorkflowWorker')).toEqual(['0 0/15 8-17 ? * MON-FRI']);
    expect(expressions(imported, 'DashboardStatistics')).toEqual(['0 0 6 * * ?', '0 0 18 * * ?']);
    expect(expressions(imported, 'YearEndClose')).toEqual(['0 0 22 31 12 ? 2026-2030']);
    expect(expressions(imported, 'DataDistribution')).toEqual(['0 0 * * * ?']);
    expect(expressions(imported, 'StatReport')).toEqual(['0 30 3 * * ?', '0 30 15 * * ?', '0 0 12 * * ?']);
    expect(imported.processes.get('StatReport')?.map((e) => e.source)).toEqual([`${file}:77`, `${file}:78`, `${file}:81`]);
    // The test-only entry and the one commented out are not there.
    expect(imported.processes.has('TestDataRefresh')).toBe(false);
    expect(imported.processes.has('LegacyExtract')).toBe(false);
    expect(imported.processes.size).toBe(21);
  });

  test('the defaults mean what Guidewire means: hours="2" minutes="30" is 02:30:00 every day', () => {
    const imported = parseSchedulerConfig(xml('<S>', '<ProcessSchedule process="P"><CronSchedule hours="2" minutes="30"/></ProcessSchedule>', '</S>'), file, undefined);
    const [entry] = imported.processes.get('P') ?? [];
    const cron = compileQuartz(entry?.expression ?? '', 'UTC');
    const next = cron.next(Date.UTC(2026, 5, 1, 12));
    expect(new Date(next ?? 0).toISOString()).toBe('2026-06-02T02:30:00.000Z');
  });

  test('in dev: the dev entry instead of prod', () => {
    const imported = parseSchedulerConfig(text, file, 'dev');
    expect(expressions(imported, 'DataDistribution')).toEqual(['0 0 9 * * ?']);
    expect(expressions(imported, 'StatReport')).toEqual(['0 0 12 * * ?']);
  });

  test('without scheduler_env: only entries without env, and a warning that the others are ignored', () => {
    const imported = parseSchedulerConfig(text, file, undefined);
    expect(imported.env).toBeUndefined();
    expect(imported.processes.has('DataDistribution')).toBe(false);
    expect(expressions(imported, 'StatReport')).toEqual(['0 0 12 * * ?']);
    expect(imported.warnings).toEqual(['5 CronSchedule entries with an env attribute ("dev", "prod", "test") are ignored because scheduler_env is not set']);
  });

  test('env names are compared as written: PROD is not prod, and the warning lists the names the file has', () => {
    const imported = parseSchedulerConfig(text, file, 'PROD');
    expect(imported.processes.has('DataDistribution')).toBe(false);
    expect(imported.warnings).toEqual([
      'scheduler_env "PROD" matches no env attribute (the file names "dev", "prod", "test"; env names are compared as written, case-sensitive): only entries without env apply',
    ]);
  });

  test('any root element and namespace prefix; other elements, text and processing instructions are ignored', () => {
    const imported = parseSchedulerConfig(
      xml(
        '<?xml version="1.0"?>',
        '<gw:Config xmlns:gw="http://guidewire.com/scheduler" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
        '  <gw:Other a="1">text</gw:Other>',
        '  <?pi something?>',
        '  <gw:ProcessSchedule process=" Spaced " xsi:note="ignored"><gw:CronSchedule minutes="5" xsi:type="x"/></gw:ProcessSchedule>',
        '</gw:Config>',
      ),
      file,
      undefined,
    );
    expect([...imported.processes.keys()]).toEqual(['Spaced']);
    expect(expressions(imported, 'Spaced')).toEqual(['0 5 * * * ?']);
  });

  test('a ProcessSchedule without CronSchedule schedules nothing', () => {
    const imported = parseSchedulerConfig(xml('<S><ProcessSchedule process="P"/></S>'), file, undefined);
    expect(imported.processes.size).toBe(0);
  });
});

describe('parseSchedulerConfig: errors name the line, the column and the attribute', () => {
  test('a bad cron field names the attribute, where it is', () => {
    expect(problems(xml('<S>', '  <ProcessSchedule process="ActivityEsc">', '    <CronSchedule hours="*" minutes="61"/>', '  </ProcessSchedule>', '</S>'))).toEqual([
      `3:29 ProcessSchedule[@process='ActivityEsc']/CronSchedule[1]/@minutes: minutes="61": '61' is not in 0-59`,
    ]);
  });

  test('every problem at once, in order: missing process, CronSchedule outside, unknown and empty attributes, a bad field', () => {
    const lines = problems(
      xml(
        '<S>',
        '  <ProcessSchedule env="prod">',
        '    <CronSchedule hours="2"/>',
        '  </ProcessSchedule>',
        '  <CronSchedule hours="3"/>',
        '  <ProcessSchedule process="P">',
        '    <CronSchedule hours="1" minute="5"/>',
        '    <CronSchedule hours=""/>',
        '    <CronSchedule',
        '        dayofweek="8"/>',
        '    <CronSchedule dayofmonth="1" dayofweek="2"/>',
        '  </ProcessSchedule>',
        '</S>',
      ),
    );
    expect(lines).toEqual([
      '2:3 ProcessSchedule: missing the "process" attribute (the batch process type code)',
      '5:3 CronSchedule: a CronSchedule outside a ProcessSchedule (Guidewire would not know which process it schedules)',
      `7:29 ProcessSchedule[@process='P']/CronSchedule[1]/@minute: unknown CronSchedule attribute "minute" (did you mean "minutes"?)`,
      `8:19 ProcessSchedule[@process='P']/CronSchedule[2]/@hours: hours="": a cron field is one word without spaces (write lists as 0,30)`,
      `10:9 ProcessSchedule[@process='P']/CronSchedule[3]/@dayofweek: dayofweek="8": '8' is not in 1-7`,
      `11:34 ProcessSchedule[@process='P']/CronSchedule[4]/@dayofweek: dayofweek="2": a day of month and a day of week cannot both be set (Quartz): make one of them '?'`,
    ]);
  });

  test('a field the defaults make invalid is reported at the element', () => {
    expect(problems(xml('<S><ProcessSchedule process="P">', '  <CronSchedule dayofmonth="?"/>', '</ProcessSchedule></S>'))).toEqual([
      `2:3 ProcessSchedule[@process='P']/CronSchedule[1]: invalid schedule (0 0 * ? * ?): '?' may stand in day of month or day of week, not both`,
    ]);
  });

  test('malformed XML: the first error with its line', () => {
    const [problem, ...rest] = problems(xml('<S>', '  <ProcessSchedule process="P">', '    <CronSchedule hours="2">', '  </ProcessSchedule>', '</S>'));
    expect(rest).toEqual([]);
    expect(problem).toBe('4:21 : malformed XML: unexpected close tag. (<CronSchedule> from line 3 is not closed)');
  });

  test('a duplicate attribute, an undefined entity and a missing root are malformed', () => {
    expect(problems(xml('<S><ProcessSchedule process="P" process="Q"/></S>'))[0]).toMatch(/^1:\d+ : malformed XML: .*process/);
    expect(problems(xml('<S>', '<ProcessSchedule process="&evil;"/></S>'))[0]).toMatch(/^2:\d+ : malformed XML: undefined entity/);
    expect(problems('')[0]).toMatch(/malformed XML: document must contain a root element/);
  });

  test('a DOCTYPE is refused (no entity is ever expanded)', () => {
    const lines = problems(xml('<?xml version="1.0"?>', '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>', '<S>&lol2;</S>'));
    expect(lines).toEqual(['2:1 : a DOCTYPE is not allowed (scheduler-config.xml has none; refused so that no entity is ever expanded: XXE, "billion laughs")']);
  });

  test('bounds: file size, number of entries, attribute length', () => {
    const big = `<S>${' '.repeat(schedulerConfigLimits.maxBytes)}</S>`;
    expect(problems(big)).toEqual(['-:- : the file is larger than 4 MiB']);
    const many = xml('<S>', ...Array.from({ length: schedulerConfigLimits.maxEntries / 2 + 1 }, (_, i) => `<ProcessSchedule process="P${i}"><CronSchedule/></ProcessSchedule>`), '</S>');
    expect(problems(many)).toEqual([`5002:1 : more than ${schedulerConfigLimits.maxEntries} ProcessSchedule and CronSchedule elements`]);
    const long = '1,'.repeat(300);
    expect(problems(xml('<S><ProcessSchedule process="P">', `<CronSchedule minutes="${long}1"/>`, '</ProcessSchedule></S>'))).toEqual([
      `2:15 : attribute minutes is longer than ${schedulerConfigLimits.maxAttributeLength} characters`,
    ]);
  });
});
