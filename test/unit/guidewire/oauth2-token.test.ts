import { describe, expect, it } from 'vitest';
import { parseTokenResponse, tokenErrorCode } from '../../../src/guidewire/auth-providers/oauth2-token.js';

describe('parseTokenResponse', () => {
  it('refreshes 60 s before expiry for a one-hour token', () => {
    expect(parseTokenResponse({ access_token: 'abc', token_type: 'bearer', expires_in: 3600 }, 1000)).toEqual({
      header: 'Bearer abc',
      refreshAt: 1000 + 3_540_000,
      expiresAt: 1000 + 3_600_000,
    });
  });
  it('refreshes at 90% of a short lifetime and defaults expires_in to 3600', () => {
    expect(parseTokenResponse({ access_token: 'a', expires_in: '100' }, 0)).toMatchObject({ refreshAt: 90_000, expiresAt: 100_000 });
    expect(parseTokenResponse({ access_token: 'a' }, 0)).toMatchObject({ expiresAt: 3_600_000 });
  });
  it('rejects a response without access_token, and reads only well-formed error codes', () => {
    expect(parseTokenResponse({ token_type: 'Bearer' }, 0)).toBe('token response has no access_token');
    expect(tokenErrorCode({ error: 'invalid_client', error_description: 'secret=hunter2 is wrong' })).toBe('invalid_client');
    expect(tokenErrorCode({ error: 'client secret hunter2 is wrong' })).toBeUndefined();
  });
});
