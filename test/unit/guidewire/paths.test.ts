import { describe, expect, it } from 'vitest';
import { InvalidResponseError } from '../../../src/errors.js';
import { apiRoot, batchProcessesPath, resolveNextHref } from '../../../src/guidewire/paths.js';

describe('paths', () => {
  const root = apiRoot('https://gw.example.com/pc/rest/');
  it('splits the base URL and encodes type codes', () => {
    expect(root).toEqual({ origin: 'https://gw.example.com', basePath: '/pc/rest' });
    expect(batchProcessesPath(root, 'Odd Code/1')).toBe('/pc/rest/systemtools/v1/batch-processes/Odd%20Code%2F1');
  });
  it('refuses a code that cannot be path-encoded as an invalid response, not a URIError', () => {
    expect(() => batchProcessesPath(root, 'Lone\uD800')).toThrow(InvalidResponseError);
    expect(() => batchProcessesPath(root, 'Lone\uD800')).toThrow(/not well-formed UTF-16/);
  });
  it('prefixes hrefs relative to the /rest root, tolerating already-rooted and same-origin hrefs', () => {
    expect(resolveNextHref('/systemtools/v1/batch-processes?pageOffset=25', root, 'e')).toBe(
      '/pc/rest/systemtools/v1/batch-processes?pageOffset=25',
    );
    expect(resolveNextHref('/pc/rest/systemtools/v1/batch-processes?pageOffset=25', root, 'e')).toBe(
      '/pc/rest/systemtools/v1/batch-processes?pageOffset=25',
    );
    expect(resolveNextHref('https://gw.example.com/pc/rest/systemtools/v1/batch-processes?x=1', root, 'e')).toBe(
      '/pc/rest/systemtools/v1/batch-processes?x=1',
    );
  });
  it('refuses a next link to another origin', () => {
    expect(() => resolveNextHref('https://evil.example.com/steal', root, 'e')).toThrow(InvalidResponseError);
    expect(() => resolveNextHref('//evil.example.com/steal', root, 'e')).toThrow(InvalidResponseError);
  });
});
