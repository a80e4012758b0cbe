import { describe, expect, test } from 'vitest';
import { dumpConfig } from '../../../src/config/dump.js';
import { parse, problems, target } from './helpers.js';

describe('events', () => {
  test('no events block: no sink', async () => {
    expect((await parse(...target)).events).toStrictEqual({ sink: 'none' });
  });

  test('a relative file resolves against the configuration file; stdout takes no file', async () => {
    expect((await parse('events:', '  sink: file', '  file: audit/runs.jsonl', ...target)).events).toStrictEqual({ sink: 'file', file: '/etc/gwe/audit/runs.jsonl' });
    expect((await parse('events: {sink: stdout}', ...target)).events).toStrictEqual({ sink: 'stdout' });
  });

  test('sink file without a file, a file with another sink, an unknown sink and key are reported with their positions', async () => {
    expect(await problems(parse('events:', '  sink: file', ...target))).toEqual(['2:9 events.sink: sink "file" requires "file"']);
    expect(await problems(parse('events:', '  sink: stdout', '  file: x.jsonl', ...target))).toEqual(['3:9 events.file: "file" is used only with sink "file"']);
    const [sink] = await problems(parse('events:', '  sink: kafka', ...target));
    expect(sink).toMatch(/^2:9 events\.sink: .*stdout.*file.*none/);
    const [key] = await problems(parse('events:', '  sinks: stdout', ...target));
    expect(key).toMatch(/^2:3 events\.sinks: .*sink/);
  });

  test('/config shows the sink and the resolved file', async () => {
    const dumped = dumpConfig(await parse('events:', '  sink: file', '  file: runs.jsonl', ...target));
    expect(dumped).toContain('events:\n  sink: file\n  file: /etc/gwe/runs.jsonl\n');
  });
});
