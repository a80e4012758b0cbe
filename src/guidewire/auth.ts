import { readSecret } from '../config/secret.js';
import type { AuthConfig, ProxyConfig, TlsConfig } from '../config/types.js';
import type { Logger } from '../logger.js';
import { createOAuth2Provider } from './oauth2.js';

/** Supplies the `Authorization` header for Guidewire API requests. */
export interface AuthProvider {
  /** The header value, or `undefined` when the target needs none. Throws `AuthError`. */
  header(signal?: AbortSignal): Promise<string | undefined>;
  /** Forgets any cached credential (after a 401), so the next `header()` obtains a fresh one. */
  invalidate(): void;
  /** Releases connections to the token endpoint, if any. */
  close(): Promise<void>;
}

export interface AuthDeps {
  /** TLS settings, also used for the OAuth2 token endpoint. */
  readonly tls: TlsConfig;
  /** The target's proxy, also applied (subject to `no_proxy`) to the OAuth2 token endpoint. */
  readonly proxy?: ProxyConfig | undefined;
  readonly requestTimeoutMs: number;
  /** Milliseconds since the epoch; decides when a cached token is refreshed. */
  readonly now: () => number;
  readonly logger: Logger;
}

/**
 * Creates the provider for one target's `auth` setting: none, HTTP Basic, a fixed `Authorization`
 * header, or OAuth2 client credentials. Secret files are re-read on every use (rotation).
 */
export function createAuthProvider(auth: AuthConfig, deps: AuthDeps): AuthProvider {
  switch (auth.kind) {
    case 'none':
      return staticProvider(async () => undefined);
    case 'basic':
      return staticProvider(async () => {
        const password = await readSecret(auth.password);
        return `Basic ${Buffer.from(`${auth.username}:${password}`, 'utf8').toString('base64')}`;
      });
    case 'authorization':
      return staticProvider(async () => {
        const credentials = await readSecret(auth.credentials);
        return `${auth.type} ${credentials}`;
      });
    case 'oauth2':
      return createOAuth2Provider(auth, deps);
  }
}

function staticProvider(build: () => Promise<string | undefined>): AuthProvider {
  return {
    header: () => build(),
    invalidate: () => undefined,
    close: async () => undefined,
  };
}
