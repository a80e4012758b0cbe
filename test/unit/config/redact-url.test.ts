import { describe, expect, test } from 'vitest';
import { redactQuery, redactValues } from '../../../src/config/redact-url.js';

describe('redactQuery', () => {
  test('keeps scheme, host, path and parameter names; hides every value', () => {
    expect(redactQuery('https://hub.example.com/oauth2/v1/token?audience=api-7f3&resource=x%20y')).toBe(
      'https://hub.example.com/oauth2/v1/token?audience=<secret>&resource=<secret>',
    );
  });
  test('a parameter without "=" (a bare key) is hidden as a whole; empty parts are dropped', () => {
    expect(redactQuery('https://h/t?sk-123&&a=')).toBe('https://h/t?<secret>&a=<secret>');
    expect(redactQuery('https://h/t?=v')).toBe('https://h/t?<secret>');
  });
  test('a URL without a query is unchanged', () => {
    expect(redactQuery('https://h/t')).toBe('https://h/t');
  });
});

test('redactValues keeps the keys only', () => {
  expect(redactValues({ audience: 'a', resource: 'b' })).toEqual({ audience: '<secret>', resource: '<secret>' });
});
