/**
 * The running side of `--web.config.file`: TLS contexts, client-certificate checks, extra headers, rate
 * limiting and basic authentication for every endpoint. The file and the certificate files are checked
 * for changes at most once per `checkIntervalMs`, on new connections and on requests, so rotated
 * certificates and edited users take effect without a restart (exporter-toolkit re-reads them on every
 * request). A file that became invalid keeps the last good configuration and is logged once; so does
 * a change that would switch TLS, basic authentication or a client-certificate requirement off
 * (web-config-downgrade.ts), until a restart. `onReload` reports each outcome, for a metric.
 */
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import type { Server as HttpsServer, ServerOptions as HttpsServerOptions } from 'node:https';
import type { Logger } from '../logger.js';
import { createBasicAuthVerifier, parseBasicAuth, type BasicAuthVerifier } from './basic-auth.js';
import { createTokenBucket, type TokenBucket } from './rate-limit.js';
import { send } from './routes.js';
import { materialFiles, loadTlsMaterial, secureContextOptions, statStamp } from './tls-material.js';
import { attachPeerChecks } from './tls-peer.js';
import { loadWebConfigFile, type WebConfig } from './web-config.js';
import { securityDowngrades } from './web-config-downgrade.js';

export interface WebSecurityOptions {
  readonly file: string;
  readonly logger: Logger;
  readonly now?: () => number;
  /** How often at most the files are checked for changes; 1000 ms by default. */
  readonly checkIntervalMs?: number;
  readonly verifier?: BasicAuthVerifier;
  /** Called with true after the file loaded (at start and on each applied change), false when a change was refused. */
  readonly onReload?: (ok: boolean) => void;
}

const text = 'text/plain; charset=utf-8';

export class WebSecurity {
  readonly #file: string;
  readonly #log: Logger;
  readonly #now: () => number;
  readonly #interval: number;
  readonly #verifier: BasicAuthVerifier;
  readonly #onReload: (ok: boolean) => void;
  #config: WebConfig;
  #configStamp: string;
  #materialStamp: string;
  #lastCheck: number;
  #failure: string | undefined;
  #bucket: TokenBucket | undefined;
  #tlsServer: HttpsServer | undefined;

  /** Loads and checks the file; throws `ConfigError` when it is invalid. */
  constructor(options: WebSecurityOptions) {
    this.#file = options.file;
    this.#log = options.logger;
    this.#now = options.now ?? Date.now;
    this.#interval = options.checkIntervalMs ?? 1_000;
    this.#verifier = options.verifier ?? createBasicAuthVerifier();
    this.#onReload = options.onReload ?? (() => {});
    this.#configStamp = statStamp([this.#file]);
    this.#config = loadWebConfigFile(this.#file);
    this.#materialStamp = this.#stampMaterial();
    this.#lastCheck = this.#now();
    this.#bucket = this.#createBucket();
    this.#warnIgnored();
    this.#onReload(true);
  }

  /** Fixed for the server's life: switching between HTTP and HTTPS needs a restart. */
  get scheme(): 'http' | 'https' {
    return this.#config.settings.tls === undefined ? 'http' : 'https';
  }

  /** What the startup log says: never a secret. */
  describe(): Record<string, unknown> {
    const { tls, users, rateLimit } = this.#config.settings;
    return {
      scheme: this.scheme,
      basicAuth: users.size > 0,
      ...(tls === undefined ? {} : { clientAuth: tls.clientAuthType, minTlsVersion: tls.minVersion }),
      ...(rateLimit === undefined ? {} : { rateLimit }),
      webConfigFile: this.#file,
    };
  }

  /** Options for `https.createServer`; only when the scheme is https. */
  httpsOptions(): HttpsServerOptions {
    const { tls } = this.#config.settings;
    const material = this.#config.material;
    if (tls === undefined || material === undefined) throw new Error('the web configuration has no tls_server_config');
    return secureContextOptions(tls, material);
  }

  /** Hooks the checks into `server`: a refresh before each connection's handshake, client-certificate checks after it. */
  attach(server: HttpServer | HttpsServer): void {
    // Runs before the TLS layer takes the socket, so a refreshed context already serves this connection.
    server.prependListener('connection', () => this.refresh());
    if (this.scheme === 'http') return;
    this.#tlsServer = server as HttpsServer;
    attachPeerChecks(this.#tlsServer, () => this.#config.settings.tls, this.#log);
  }

  /** Re-reads the web configuration or certificate files if they changed, at most once per interval. */
  refresh(): void {
    const now = this.#now();
    if (now - this.#lastCheck < this.#interval) return;
    this.#lastCheck = now;
    const configStamp = statStamp([this.#file]);
    if (configStamp !== this.#configStamp) {
      this.#configStamp = configStamp;
      return this.#reloadConfig();
    }
    const stamp = this.#stampMaterial();
    if (stamp !== this.#materialStamp) {
      this.#materialStamp = stamp;
      this.#reloadMaterial();
    }
  }

  /**
   * Applies rate limit, headers and basic authentication to a request. Resolves true when the request
   * may be routed; otherwise the response (429 or 401) has been sent.
   */
  async admit(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    this.refresh();
    const { headers, users } = this.#config.settings;
    if (this.#bucket !== undefined && !this.#bucket.allow(this.#now())) {
      send(req, res, 429, text, 'Too Many Requests\n');
      return false;
    }
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    if (users.size === 0) return true;
    const credentials = parseBasicAuth(req.headers.authorization);
    const client = req.socket.remoteAddress ?? '';
    const outcome =
      credentials === undefined
        ? undefined
        : await this.#verifier.verify({ users, user: credentials.user, password: credentials.password, client, limits: this.#config.settings.authLimits });
    if (outcome?.kind === 'ok') return true;
    // The user name is not logged: a failed attempt may have put a password there.
    const facts = { path: req.url, remoteAddress: client, credentials: credentials !== undefined };
    if (outcome?.kind === 'throttled') {
      const why = outcome.reason === 'client' ? 'this client failed too often' : 'too many password checks pending';
      this.#log.debug({ ...facts, reason: why }, 'basic authentication refused without a check');
      send(req, res, 429, text, 'Too Many Requests\n', { 'retry-after': String(outcome.retryAfterSeconds) });
      return false;
    }
    this.#log.debug(facts, 'basic authentication failed');
    send(req, res, 401, text, 'Unauthorized\n', { 'www-authenticate': 'Basic' });
    return false;
  }

  /** Stops the password-check worker threads. */
  close(): Promise<void> {
    return this.#verifier.close();
  }

  #stampMaterial(): string {
    const { tls } = this.#config.settings;
    return tls === undefined ? '' : statStamp(materialFiles(tls));
  }

  #createBucket(): TokenBucket | undefined {
    const limit = this.#config.settings.rateLimit;
    return limit === undefined ? undefined : createTokenBucket(limit.intervalMs, limit.burst, this.#now());
  }

  #warnIgnored(): void {
    for (const { path, reason } of this.#config.settings.ignored) this.#log.warn({ key: path, webConfigFile: this.#file }, `web configuration: ${path} is ignored: ${reason}`);
  }

  #fail(message: string, err: unknown): void {
    this.#onReload(false);
    const key = `${message}\n${err instanceof Error ? err.message : String(err)}`;
    if (key === this.#failure) return;
    this.#failure = key;
    this.#log.error({ err, webConfigFile: this.#file }, message);
  }

  #reloadConfig(): void {
    let next: WebConfig;
    try {
      next = loadWebConfigFile(this.#file);
    } catch (err) {
      return this.#fail('web configuration reload failed; keeping the previous one', err);
    }
    const removed = securityDowngrades(this.#config.settings, next.settings);
    if (removed.length > 0) {
      const err = new Error(`the change would switch off ${removed.join(', ')}; such a change takes effect only when the exporter is restarted`);
      return this.#fail('web configuration reload refused; keeping the running security settings', err);
    }
    if (next.settings.tls !== undefined && this.scheme === 'http') {
      const err = new Error('tls_server_config was added; switching between HTTP and HTTPS needs a restart');
      return this.#fail('web configuration reload failed; keeping the previous one', err);
    }
    const limitChanged = JSON.stringify(next.settings.rateLimit) !== JSON.stringify(this.#config.settings.rateLimit);
    this.#config = next;
    this.#materialStamp = this.#stampMaterial();
    if (limitChanged) this.#bucket = this.#createBucket();
    this.#applyTls();
    this.#failure = undefined;
    this.#onReload(true);
    this.#log.info(this.describe(), 'web configuration reloaded');
    this.#warnIgnored();
  }

  #reloadMaterial(): void {
    const { tls } = this.#config.settings;
    if (tls === undefined) return;
    const result = loadTlsMaterial(tls);
    if (!result.ok) {
      const err = new Error(result.problems.map((p) => `tls_server_config.${p.key}: ${p.message}`).join('; '));
      return this.#fail('TLS certificate reload failed; keeping the previous certificate', err);
    }
    this.#config = { ...this.#config, material: result.material };
    this.#applyTls();
    this.#failure = undefined;
    this.#onReload(true);
    this.#log.info({ webConfigFile: this.#file }, 'TLS certificate, key and client CA reloaded');
  }

  #applyTls(): void {
    const server = this.#tlsServer;
    if (server === undefined) return;
    const options = this.httpsOptions();
    server.setSecureContext(options);
    // Read per connection by node:tls but not covered by setSecureContext.
    const policy = server as unknown as { requestCert: boolean; rejectUnauthorized: boolean };
    policy.requestCert = options.requestCert ?? false;
    policy.rejectUnauthorized = options.rejectUnauthorized ?? false;
  }
}
