import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { InvalidResponseError } from '../../../src/errors.js';
import { boundValue, defaultLogBounds, truncateString } from '../../../src/log-bounds.js';
import { createLogger } from '../../../src/logger.js';

/** A real logger writing NDJSON to a stream whose lines the test reads back. */
function streamLogger(maxValueLength?: number): { logger: ReturnType<typeof createLogger>; lines: () => Record<string, unknown>[]; raw: () => string } {
  let raw = '';
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      raw += chunk.toString('utf8');
      done();
    },
  });
  const logger = createLogger({ level: 'debug', destination, ...(maxValueLength === undefined ? {} : { maxValueLength }) });
  const lines = (): Record<string, unknown>[] => raw.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, raw: () => raw };
}

const huge = 'X'.repeat(5_000_000);

/** What a logged JSON line holds at a dotted path (`err.message`, `nested.deeper.0.code`). */
function at(line: Record<string, unknown> | undefined, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined), line);
}
const text = (line: Record<string, unknown> | undefined, path: string): string => String(at(line, path));

describe('log line bounds', () => {
  it('cuts every string of a child logger line: message, arguments, nested fields, bindings, err message and stack', () => {
    const { logger, lines, raw } = streamLogger();
    const child = logger.child({ component: 'poller', target: huge });
    const err = new InvalidResponseError('/rest/systemtools/v1/batch-processes', `item 0: ${huge}`);
    child.warn({ err, batch_process: huge, nested: { deeper: [{ code: huge }] } }, `problem with ${huge}`);
    child.warn('argument %s', huge);
    child.error(new Error(huge));
    expect(raw().length).toBeLessThan(40_000);
    const [first, second, third] = lines();
    const suffix = `…(${huge.length} chars)`;
    expect(at(first, 'target')).toBe(`${'X'.repeat(1024)}${suffix}`);
    expect(at(first, 'batch_process')).toBe(`${'X'.repeat(1024)}${suffix}`);
    expect(at(first, 'nested.deeper.0.code')).toBe(`${'X'.repeat(1024)}${suffix}`);
    expect(at(first, 'msg')).toMatch(/^problem with X+…\(5000013 chars\)$/);
    expect(at(first, 'err.type')).toBe('InvalidResponseError');
    expect(text(first, 'err.message').length).toBeLessThanOrEqual(1024 + 20);
    expect(at(first, 'err.message')).toMatch(/^\/rest\/systemtools\/v1\/batch-processes: invalid response: item 0: X+…\(\d+ chars\)$/);
    expect(text(first, 'err.stack').length).toBeLessThanOrEqual(1024 + 20);
    expect(at(first, 'err.endpoint')).toBe('/rest/systemtools/v1/batch-processes');
    expect(at(second, 'msg')).toMatch(/^argument X+…\(5000000 chars\)$/);
    expect(at(third, 'msg')).toBe(`${'X'.repeat(1024)}${suffix}`);
    expect(at(third, 'err.type')).toBe('Error');
  });

  it('takes its bound from the option, and still redacts secrets', () => {
    const { logger, lines } = streamLogger(16);
    logger.info({ password: huge, headers: { authorization: 'Bearer abc' }, short: 'fits in sixteen!', long: 'seventeen chars!!' }, 'm');
    const [line] = lines();
    expect(at(line, 'password')).toBe('[REDACTED]');
    expect(at(line, 'headers.authorization')).toBe('[REDACTED]');
    expect(at(line, 'short')).toBe('fits in sixteen!');
    expect(at(line, 'long')).toBe('seventeen chars!…(17 chars)');
  });

  it('keeps lines that fit unchanged', () => {
    const { logger, lines } = streamLogger();
    const err = new Error('boom');
    logger.warn({ err, count: 3, ok: true, list: [1, 'a'], when: new Date(0) }, 'short');
    const [line] = lines();
    expect(line).toMatchObject({ msg: 'short', count: 3, ok: true, list: [1, 'a'], when: '1970-01-01T00:00:00.000Z' });
    expect(at(line, 'err')).toMatchObject({ type: 'Error', message: 'boom' });
    expect(text(line, 'err.stack')).toContain('boom');
  });
});

describe('boundValue', () => {
  it('never splits a surrogate pair, bounds arrays and depth, survives cycles', () => {
    expect(truncateString('ab\u{1F600}cd', 3)).toBe('ab…(6 chars)');
    const bounds = { ...defaultLogBounds, maxArrayItems: 2, maxDepth: 2 };
    expect(boundValue([1, 2, 3, 4], bounds)).toEqual([1, 2, '…(4 items)']);
    expect(boundValue({ a: { b: { c: 1 } } }, bounds)).toEqual({ a: { b: '[…]' } });
    const cyclic: Record<string, unknown> = { name: 'x' };
    cyclic['self'] = cyclic;
    expect(() => boundValue(cyclic, defaultLogBounds)).not.toThrow();
  });
});
