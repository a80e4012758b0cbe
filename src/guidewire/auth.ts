import type { AuthConfig, AuthConfigOf, AuthKind } from '../config/auth-kinds.js';
import { createAuthorizationProvider } from './auth-providers/authorization.js';
import { createBasicProvider } from './auth-providers/basic.js';
import { createOAuth2Provider } from './auth-providers/oauth2.js';
import { staticProvider, type AuthDeps, type AuthProvider } from './auth-providers/provider.js';


/** One provider factory per auth kind of `config/auth-kinds.ts`; the compiler requires an entry for each. */
const providers: { readonly [K in AuthKind]: (auth: AuthConfigOf<K>, deps: AuthDeps) => AuthProvider } = {
  oauth2: createOAuth2Provider,
  basic: createBasicProvider,
  authorization: createAuthorizationProvider,
};

/**
 * Creates the provider for one target's `auth` setting: none, or its kind's provider (HTTP Basic, a
 * fixed `Authorization` header, OAuth2 client credentials). Secret files are re-read on every use (rotation).
 */
export function createAuthProvider(auth: AuthConfig, deps: AuthDeps): AuthProvider {
  return auth.kind === 'none' ? staticProvider(async () => undefined) : providerOf(auth, deps);
}

function providerOf<K extends AuthKind>(auth: AuthConfigOf<K>, deps: AuthDeps): AuthProvider {
  return providers[auth.kind](auth, deps);
}
