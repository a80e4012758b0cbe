/**
 * Which proxy, if any, a request to one origin goes through: the target's resolved `ProxyConfig`, the
 * origin's scheme, and the `no_proxy` rules of Go's net/http (which Prometheus uses). Pure.
 */
import { BlockList, isIP } from 'node:net';
import type { ProxyConfig } from '../config/types.js';

/**
 * The proxy URL for requests to `origin`, or `undefined` to connect directly: when there is no proxy for
 * the origin's scheme, when `no_proxy` matches it, or, for a proxy from the environment, when the host is
 * `localhost` or a loopback address (as Go does; an explicit `proxy_url` proxies loopback too).
 */
export function proxyFor(origin: URL, proxy: ProxyConfig | undefined): string | undefined {
  if (proxy === undefined) return undefined;
  const url = origin.protocol === 'https:' ? proxy.httpsUrl : origin.protocol === 'http:' ? proxy.httpUrl : undefined;
  if (url === undefined) return undefined;
  if (proxy.source === 'environment' && isLoopbackHost(origin.hostname)) return undefined;
  return bypassesProxy(origin, proxy.noProxy) ? undefined : url;
}

/**
 * True when a `no_proxy` entry matches `origin`. Entries (already trimmed and lowercased):
 * - `*`: every host;
 * - `example.com`: that host and its subdomains; `.example.com` (or `*.example.com`): subdomains only;
 * - `10.1.2.3`, `::1`: that address; `10.0.0.0/8`, `fd00::/8`: addresses in the block;
 * - any of the host forms with `:port` (`[::1]:8443` for IPv6): only that port (the default port of the
 *   scheme when the URL has none).
 * Names are not resolved: a CIDR block matches only URLs written with an IP address.
 */
export function bypassesProxy(origin: URL, noProxy: readonly string[]): boolean {
  const host = bare(origin.hostname.toLowerCase());
  const port = origin.port === '' ? (origin.protocol === 'https:' ? '443' : '80') : origin.port;
  return noProxy.some((entry) => matches(entry, host, port));
}

/** `localhost`, `*.localhost`, `127.0.0.0/8` or `::1` (URL hostnames, IPv6 with or without brackets). */
export function isLoopbackHost(hostname: string): boolean {
  const host = bare(hostname.toLowerCase());
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const family = isIP(host);
  if (family === 0) return false;
  const loopback = new BlockList();
  loopback.addSubnet('127.0.0.0', 8, 'ipv4');
  loopback.addAddress('::1', 'ipv6');
  loopback.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');
  return loopback.check(host, family === 4 ? 'ipv4' : 'ipv6');
}

const bare = (host: string): string => (host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host);

const familyOf = (address: string): 'ipv4' | 'ipv6' | undefined => {
  const family = isIP(address);
  return family === 4 ? 'ipv4' : family === 6 ? 'ipv6' : undefined;
};

function matches(entry: string, host: string, port: string): boolean {
  if (entry === '*') return true;
  if (entry.includes('/')) return inCidr(entry, host);
  const { name, entryPort } = splitPort(entry);
  if (entryPort !== undefined && entryPort !== port) return false;
  const entryFamily = familyOf(name);
  if (entryFamily !== undefined) {
    const hostFamily = familyOf(host);
    if (hostFamily === undefined) return false;
    // BlockList compares addresses, so `::0:1` and `::1` are the same host.
    const list = new BlockList();
    list.addAddress(name, entryFamily);
    return list.check(host, hostFamily);
  }
  const domain = name.startsWith('*.') ? name.slice(1) : name;
  if (domain.startsWith('.')) return host.endsWith(domain);
  return host === domain || host.endsWith(`.${domain}`);
}

function inCidr(entry: string, host: string): boolean {
  const [address = '', bits = ''] = entry.split('/');
  const entryFamily = familyOf(address);
  const hostFamily = familyOf(host);
  const prefix = Number(bits);
  if (entryFamily === undefined || hostFamily === undefined || !/^\d{1,3}$/.test(bits)) return false;
  if (prefix > (entryFamily === 'ipv4' ? 32 : 128)) return false;
  const list = new BlockList();
  list.addSubnet(address, prefix, entryFamily);
  return list.check(host, hostFamily);
}

/** `host:port`, `[v6]:port`, `[v6]`, a bare IPv6 address or a bare host. */
function splitPort(entry: string): { name: string; entryPort?: string } {
  if (entry.startsWith('[')) {
    const close = entry.indexOf(']');
    const rest = entry.slice(close + 1);
    const name = entry.slice(1, close);
    return rest.startsWith(':') && /^\d+$/.test(rest.slice(1)) ? { name, entryPort: String(Number(rest.slice(1))) } : { name };
  }
  if (isIP(entry) === 6) return { name: entry };
  const colon = entry.lastIndexOf(':');
  if (colon > 0 && /^\d+$/.test(entry.slice(colon + 1))) return { name: entry.slice(0, colon), entryPort: String(Number(entry.slice(colon + 1))) };
  return { name: entry };
}
