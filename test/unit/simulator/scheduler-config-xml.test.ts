import { readFile } from 'node:fs/promises';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { parseSchedulerConfig } from '../../../src/config/scheduler-config.js';
import { compileQuartz } from '../../../src/cron/quartz.js';
import { demoProcesses } from '../../../src/simulator/demo-processes.js';
import { demoSchedulerSections } from '../../../src/simulator/demo-scheduler-config.js';
import { demoSchedulerConfigXml, renderSchedulerConfig, SCHEDULER_NAMESPACE, schedulesForEnv } from '../../../src/simulator/scheduler-config-xml.js';

interface Element {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly parent: string | undefined;
}

/** Every element of `xml` with its attributes and its parent's name; throws if it is not well-formed. */
function elements(xml: string): { elements: Element[]; comments: number; namespace: string | undefined } {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const found: Element[] = [];
  const stack: string[] = [];
  let comments = 0;
  let namespace: string | undefined;
  parser.on('error', (err) => {
    throw err;
  });
  parser.on('comment', () => (comments += 1));
  parser.on('opentag', (tag) => {
    if (stack.length === 0) namespace = tag.uri;
    const attributes = Object.fromEntries(Object.values(tag.attributes).map((a) => [a.local, a.value]));
    found.push({ name: tag.local, attributes, parent: stack.at(-1) });
    stack.push(tag.local);
  });
  parser.on('closetag', () => stack.pop());
  parser.write(xml).close();
  return { elements: found, comments, namespace };
}

describe('the demo scheduler-config.xml', () => {
  it('is the file users get as docs/examples/scheduler-config.xml', async () => {
    const docs = await readFile(new URL('../../../docs/examples/scheduler-config.xml', import.meta.url), 'utf8');
    expect(docs).toBe(demoSchedulerConfigXml);
  });

  it("is well-formed XML in Guidewire's shape: a SchedulerConfig root in its namespace, comments, 20+ ProcessSchedule entries of CronSchedule elements", () => {
    const parsed = elements(demoSchedulerConfigXml);
    expect(parsed.namespace).toBe(SCHEDULER_NAMESPACE);
    expect(parsed.elements[0]?.name).toBe('SchedulerConfig');
    expect(parsed.comments).toBeGreaterThanOrEqual(10);
    const entries = parsed.elements.filter((e) => e.name === 'ProcessSchedule');
    expect(entries.length).toBeGreaterThanOrEqual(20);
    expect(entries.every((e) => e.parent === 'SchedulerConfig' && typeof e.attributes['process'] === 'string')).toBe(true);
    const crons = parsed.elements.filter((e) => e.name === 'CronSchedule');
    expect(crons.every((e) => e.parent === 'ProcessSchedule')).toBe(true);
    const allowed = new Set(['seconds', 'minutes', 'hours', 'dayofmonth', 'month', 'dayofweek', 'year']);
    expect(crons.flatMap((e) => Object.keys(e.attributes)).every((a) => allowed.has(a))).toBe(true);
    // Base configuration's examples and the special characters a real file uses.
    const attrs = crons.map((e) => Object.values(e.attributes).join(' ')).join(' ');
    for (const special of ['#', 'L', 'W', '/', '-', ',']) expect(attrs).toContain(special);
    expect(new Set(entries.map((e) => e.attributes['env']))).toEqual(new Set([undefined, 'prod', 'demo']));
  });

  it('escapes what XML needs escaped and keeps -- out of comments', () => {
    const xml = renderSchedulerConfig([{ banner: 'a -- b', entries: [{ process: 'A&B"<', comment: 'x--y', crons: [{ hours: '2' }] }] }]);
    const parsed = elements(xml);
    expect(parsed.elements.find((e) => e.name === 'ProcessSchedule')?.attributes['process']).toBe('A&B"<');
  });
});

describe('schedulesForEnv', () => {
  it('chooses as Guidewire does: entries without env everywhere, with env only there; a process listed twice runs on both', () => {
    const demo = schedulesForEnv('demo');
    expect(demo.get('ActivityEsc')).toEqual(['0 0/30 * * * ?', '0/30 * * * * ?']);
    expect(demo.get('Workflow')).toEqual(['0/20 * * * * ?']);
    expect(demo.get('Statistics')).toEqual(['0 0 12 ? * 7#1', '15 0/2 * * * ?']);
    expect(demo.has('PurgeWorkflowLogs')).toBe(false);
    const prod = schedulesForEnv('prod');
    expect(prod.get('PurgeWorkflowLogs')).toEqual(['0 0 1 * * ?']);
    expect(prod.get('Geocode')).toEqual(['0 0/15 7-19 ? * MON-FRI']);
    expect(prod.has('Workflow')).toBe(false);
    const none = schedulesForEnv(undefined);
    expect([...none.keys()].sort()).toEqual(['ActivityEsc', 'ClaimException', 'Statistics']);
    expect(schedulesForEnv('Demo').has('Workflow')).toBe(false);
  });

  it('gives expressions that compile in the server zone, for processes the demo application has', () => {
    const codes = new Set(demoProcesses.map((p) => p.code));
    for (const env of ['demo', 'prod', undefined]) {
      for (const [code, expressions] of schedulesForEnv(env)) {
        expect(codes.has(code), code).toBe(true);
        for (const e of expressions) expect(compileQuartz(e, 'America/Chicago').next(Date.UTC(2026, 0, 1)), e).toBeDefined();
      }
    }
    expect(demoSchedulerSections.flatMap((s) => s.entries).length).toBeGreaterThanOrEqual(20);
  });
});

describe("the exporter's import of the demo file", () => {
  it.each(['demo', 'prod', undefined])('reads, for env %s, exactly the schedules the simulator runs, each with its file:line', (env) => {
    const imported = parseSchedulerConfig(demoSchedulerConfigXml, 'scheduler-config.xml', env);
    const simulated = schedulesForEnv(env);
    expect([...imported.processes.keys()].sort()).toEqual([...simulated.keys()].sort());
    const lines = demoSchedulerConfigXml.split('\n');
    for (const [code, schedules] of imported.processes) {
      expect(schedules.map((s) => s.expression), code).toEqual(simulated.get(code));
      for (const s of schedules) {
        const line = Number(/:(\d+)$/.exec(s.source)?.[1]);
        expect(lines[line - 1], s.source).toContain('<CronSchedule');
      }
    }
  });
});
