import type { AuthConfigOf } from '../../config/auth-kinds.js';
import { readSecret } from '../../config/secret.js';
import { staticProvider, type AuthProvider } from './provider.js';

/** A fixed `Authorization: <type> <credentials>` header; the credentials file is re-read on every request. */
export function createAuthorizationProvider(auth: AuthConfigOf<'authorization'>): AuthProvider {
  return staticProvider(async () => {
    const credentials = await readSecret(auth.credentials);
    return `${auth.type} ${credentials}`;
  });
}
