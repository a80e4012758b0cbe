import { describe, expect, test } from 'vitest';
import { parseRequestTarget } from '../../../src/http/request-target.js';

describe('parseRequestTarget', () => {
  test('splits a plain path and its raw query, decoding nothing', () => {
    expect(parseRequestTarget('/metrics')).toEqual({ ok: true, path: '/metrics', query: '' });
    expect(parseRequestTarget('/a/b/?state=failing&q=%2e%2e/x')).toEqual({ ok: true, path: '/a/b/', query: 'state=failing&q=%2e%2e/x' });
    expect(parseRequestTarget('/')).toEqual({ ok: true, path: '/', query: '' });
    expect(parseRequestTarget('/a.b/..c/%41')).toEqual({ ok: true, path: '/a.b/..c/%41', query: '' });
  });

  test.each([
    ['http://exporter/metrics', 'not an absolute path'],
    ['http://[', 'not an absolute path'],
    ['exporter:443', 'not an absolute path'],
    ['*', 'not an absolute path'],
    ['', 'not an absolute path'],
    ['//x/metrics', '//'],
    ['/a//metrics', '//'],
    ['/a/../metrics', 'dot segment'],
    ['/a/..', 'dot segment'],
    ['/./metrics', 'dot segment'],
    ['/a/%2e%2e/metrics', 'encoded'],
    ['/a/.%2E/metrics', 'encoded'],
    ['/a%2fmetrics', 'encoded'],
    ['/a%5Cmetrics', 'encoded'],
    ['/metrics%00', 'encoded'],
    ['/a\\metrics', 'backslash'],
    ['/metrics\u0001', 'control'],
    ['/metrics?x=\u007f', 'control'],
    ['/metrics#top', 'fragment'],
  ])('refuses %j', (target, reason) => {
    const parsed = parseRequestTarget(target);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(reason);
  });
});
