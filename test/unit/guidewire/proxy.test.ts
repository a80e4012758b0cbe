import { describe, expect, test } from 'vitest';
import type { ProxyConfig } from '../../../src/config/types.js';
import { bypassesProxy, isLoopbackHost, proxyFor } from '../../../src/guidewire/proxy.js';

const bypasses = (url: string, noProxy: string): boolean =>
  bypassesProxy(
    new URL(url),
    noProxy.split(',').map((e) => e.trim().toLowerCase()),
  );

describe('no_proxy matching', () => {
  test.each([
    // [url, no_proxy, bypassed]
    ['https://pc.example.com/rest', '*', true],
    ['https://pc.example.com/rest', 'pc.example.com', true],
    ['https://PC.Example.COM/rest', 'pc.example.com', true],
    ['https://pc.example.com/rest', 'example.com', true],
    ['https://example.com/rest', 'example.com', true],
    ['https://notexample.com/rest', 'example.com', false],
    ['https://pc.example.com/rest', '.example.com', true],
    ['https://example.com/rest', '.example.com', false],
    ['https://pc.example.com/rest', '*.example.com', true],
    ['https://pc.example.com/rest', 'pc.example.com:443', true],
    ['https://pc.example.com/rest', 'pc.example.com:8443', false],
    ['https://pc.example.com:8443/rest', 'pc.example.com:8443', true],
    ['http://pc.example.com/rest', 'pc.example.com:80', true],
    ['http://10.1.2.3:8180/pc/rest', '10.1.2.3', true],
    ['http://10.1.2.3:8180/pc/rest', '10.0.0.0/8', true],
    ['http://11.1.2.3:8180/pc/rest', '10.0.0.0/8', false],
    ['http://10.1.2.3:8180/pc/rest', '10.1.2.3:8180', true],
    ['http://10.1.2.3:8180/pc/rest', '10.1.2.3:80', false],
    ['http://[fd00::1]:8180/pc/rest', 'fd00::/8', true],
    ['http://[fd00::1]:8180/pc/rest', 'fd00:0::1', true],
    ['http://[fd00::1]:8180/pc/rest', '[fd00::1]:8180', true],
    ['http://[fd00::1]:8180/pc/rest', '[fd00::1]:9', false],
    // Names are not resolved: a CIDR block matches only URLs written with an address.
    ['http://gw.internal:8180/pc/rest', '10.0.0.0/8', false],
    ['https://pc.example.com/rest', 'other.example.com, ,10.0.0.0/8', false],
  ])('%s with no_proxy %j: bypassed %s', (url, noProxy, expected) => {
    expect(bypasses(url, noProxy)).toBe(expected);
  });
});

describe('proxyFor', () => {
  const fromFile: ProxyConfig = { source: 'proxy_url', httpUrl: 'http://p:1', httpsUrl: 'http://p:1', noProxy: ['.corp'] };
  const fromEnv: ProxyConfig = { source: 'environment', httpsUrl: 'http://envp:1', noProxy: [] };

  test('picks the proxy for the scheme, or none', () => {
    expect(proxyFor(new URL('https://pc.example.com'), fromFile)).toBe('http://p:1');
    expect(proxyFor(new URL('http://pc.example.com'), fromFile)).toBe('http://p:1');
    expect(proxyFor(new URL('https://pc.example.com'), fromEnv)).toBe('http://envp:1');
    expect(proxyFor(new URL('http://pc.example.com'), fromEnv)).toBeUndefined();
    expect(proxyFor(new URL('https://pc.example.com'), undefined)).toBeUndefined();
  });

  test('honours no_proxy', () => {
    expect(proxyFor(new URL('https://gw.corp'), fromFile)).toBeUndefined();
  });

  test('never sends loopback through a proxy from the environment, but does through proxy_url', () => {
    for (const origin of ['https://localhost:8443', 'https://127.0.0.1', 'https://[::1]:8443']) {
      expect(proxyFor(new URL(origin), fromEnv)).toBeUndefined();
      expect(proxyFor(new URL(origin), fromFile)).toBe('http://p:1');
    }
  });
});

test('isLoopbackHost', () => {
  expect(['localhost', 'api.localhost', '127.0.0.1', '127.8.9.10', '[::1]', '::1'].map(isLoopbackHost)).toEqual([true, true, true, true, true, true]);
  expect(['localhost.example.com', '10.0.0.1', '[fd00::1]', '128.0.0.1'].map(isLoopbackHost)).toEqual([false, false, false, false]);
});
