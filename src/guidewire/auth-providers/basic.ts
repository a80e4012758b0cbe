import type { AuthConfigOf } from '../../config/auth-kinds.js';
import { readSecret } from '../../config/secret.js';
import { staticProvider, type AuthProvider } from './provider.js';

/** HTTP Basic (RFC 7617) from `basic_auth`; the password file is re-read on every request. */
export function createBasicProvider(auth: AuthConfigOf<'basic'>): AuthProvider {
  return staticProvider(async () => {
    const password = await readSecret(auth.password);
    return `Basic ${Buffer.from(`${auth.username}:${password}`, 'utf8').toString('base64')}`;
  });
}
