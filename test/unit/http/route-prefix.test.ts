import { describe, expect, it } from 'vitest';
import { normalizeRoutePrefix, parseArgs, parseExternalUrl } from '../../../src/cli/args.js';
import { UsageError } from '../../../src/cli/flags.js';
import { usage } from '../../../src/cli/usage.js';
import { resolvePrefix } from '../../../src/http/prefix.js';

describe('resolvePrefix', () => {
  it('serves everything at the root prefix', () => {
    expect(resolvePrefix('/metrics', '/')).toEqual({ kind: 'local', path: '/metrics' });
    expect(resolvePrefix('/', '/')).toEqual({ kind: 'local', path: '/' });
  });

  it('maps <prefix>/x to /x and leaves other paths outside', () => {
    expect(resolvePrefix('/gw/metrics', '/gw')).toEqual({ kind: 'local', path: '/metrics' });
    expect(resolvePrefix('/gw/', '/gw')).toEqual({ kind: 'local', path: '/' });
    expect(resolvePrefix('/a/b/-/ready', '/a/b')).toEqual({ kind: 'local', path: '/-/ready' });
    expect(resolvePrefix('/metrics', '/gw')).toEqual({ kind: 'outside' });
    expect(resolvePrefix('/gwx/metrics', '/gw')).toEqual({ kind: 'outside' });
  });

  it('redirects / and the bare prefix to <prefix>/, relative to the request', () => {
    const resolveFrom = (path: string, prefix: string) => {
      const r = resolvePrefix(path, prefix);
      if (r.kind !== 'redirect') throw new Error(`expected a redirect, got ${r.kind}`);
      // Behind a proxy that adds /ext in front, the same Location must stay under /ext.
      return [new URL(r.location, `http://h${path}`).pathname, new URL(r.location, `http://h/ext${path}`).pathname];
    };
    expect(resolveFrom('/', '/gw')).toEqual(['/gw/', '/ext/gw/']);
    expect(resolveFrom('/gw', '/gw')).toEqual(['/gw/', '/ext/gw/']);
    expect(resolveFrom('/a/b', '/a/b')).toEqual(['/a/b/', '/ext/a/b/']);
    expect(resolveFrom('/a:b', '/a:b')).toEqual(['/a:b/', '/ext/a:b/']);
  });
});

describe('--web.external-url and --web.route-prefix', () => {
  it('normalises the prefix: a leading slash, no trailing one', () => {
    expect(normalizeRoutePrefix('/')).toBe('/');
    expect(normalizeRoutePrefix('')).toBe('/');
    expect(normalizeRoutePrefix('gw/')).toBe('/gw');
    expect(normalizeRoutePrefix('/a/b//')).toBe('/a/b');
  });

  it.each(['/a//b', '/a/../b', '/a b', '/a?x', '/a#x', '/./'])('rejects the prefix %j with a clear message', (text) => {
    expect(() => normalizeRoutePrefix(text)).toThrow(/--web\.route-prefix: expected a path such as \/exporter/);
  });

  it('takes an absolute http(s) URL without a trailing slash, and never echoes credentials', () => {
    expect(parseExternalUrl('https://proxy.example.com/gw/')).toBe('https://proxy.example.com/gw');
    expect(parseExternalUrl('http://h:8080')).toBe('http://h:8080');
    expect(() => parseExternalUrl('/gw')).toThrow(/--web\.external-url: expected an absolute http or https URL/);
    expect(() => parseExternalUrl('ftp://h/')).toThrow(UsageError);
    expect(() => parseExternalUrl('https://h/?a=1')).toThrow(UsageError);
    for (const secret of ['https://user:hunter2@h/', 'user:hunter2@h']) {
      let message = '';
      try {
        parseExternalUrl(secret);
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toMatch(/^--web\.external-url: /);
      expect(message).not.toContain('hunter2');
    }
  });

  it('defaults the prefix to the path of the external URL, else /; an explicit prefix wins', () => {
    expect(parseArgs(['--demo'])).toMatchObject({ web: { routePrefix: '/' } });
    expect(parseArgs(['--demo'])).not.toHaveProperty('web.externalUrl');
    expect(parseArgs(['--demo', '--web.external-url=https://p.example.com/gw/'])).toMatchObject({
      web: { routePrefix: '/gw', externalUrl: 'https://p.example.com/gw' },
    });
    expect(parseArgs(['--demo', '--web.external-url=https://p.example.com/gw', '--web.route-prefix=/'])).toMatchObject({ web: { routePrefix: '/' } });
    expect(parseArgs(['--demo', '--web.route-prefix', 'x/y/'])).toMatchObject({ web: { routePrefix: '/x/y' } });
  });

  it('belongs to the exporter, not to simulate, and is in the usage text', () => {
    expect(() => parseArgs(['simulate', '--web.route-prefix=/x'])).toThrow(/apply to the exporter/);
    expect(() => parseArgs(['simulate', '--web.external-url=http://h/'])).toThrow(UsageError);
    expect(usage).toContain('--web.external-url=URL');
    expect(usage).toContain('--web.route-prefix=PATH');
  });
});
