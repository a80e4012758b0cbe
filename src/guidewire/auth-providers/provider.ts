/**
 * What every auth provider is and gets: the interface the client calls and the dependencies a provider
 * factory receives. Each kind's provider lives in its own file next to this one; `../auth.ts` picks one
 * by the target's `auth.kind`.
 */
import type { ProxyConfig, TlsConfig } from '../../config/types.js';
import type { Logger } from '../../logger.js';

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

/** A provider whose header is built anew on each use (secret files are re-read: rotation), nothing cached. */
export function staticProvider(build: () => Promise<string | undefined>): AuthProvider {
  return {
    header: () => build(),
    invalidate: () => undefined,
    close: async () => undefined,
  };
}
