import { readBasicHeader } from './basic-header.js';
import type { SimResponse } from './http-io.js';
import type { TokenStore } from './token-store.js';

/** The Okta-style OAuth2 token endpoint of Guidewire Hub, client-credentials grant only. */

export const TOKEN_PATH = '/oauth2/default/v1/token';

export interface OAuthClient {
  readonly clientId: string;
  readonly clientSecret: string;
}

export interface TokenRequest {
  readonly authorization: string | undefined;
  /** The `application/x-www-form-urlencoded` body. */
  readonly body: string;
}

const noStore = { 'cache-control': 'no-store', pragma: 'no-cache' } as const;

function oauthError(status: number, error: string, description: string, headers: Record<string, string> = {}): SimResponse {
  return { status, body: { error, error_description: description }, headers: { ...noStore, ...headers } };
}

function formDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** Client id and secret from HTTP Basic (form-encoded per RFC 6749 §2.3.1) or else from the form. */
function clientCredentials(req: TokenRequest, form: URLSearchParams): { id: string; secret: string } | undefined {
  const basic = readBasicHeader(req.authorization);
  if (basic !== undefined) return { id: formDecode(basic.user), secret: formDecode(basic.password) };
  const id = form.get('client_id');
  const secret = form.get('client_secret');
  return id === null || secret === null ? undefined : { id, secret };
}

/**
 * Answers a token request: 401 `invalid_client` for unknown or missing client credentials, 400
 * `invalid_request` without `grant_type`, 400 `unsupported_grant_type` for anything but
 * `client_credentials`, else a bearer token that expires per the token store's TTL.
 */
export function handleTokenRequest(req: TokenRequest, client: OAuthClient, tokens: TokenStore, now: number): SimResponse {
  const form = new URLSearchParams(req.body);
  const creds = clientCredentials(req, form);
  if (creds === undefined || creds.id !== client.clientId || creds.secret !== client.clientSecret) {
    return oauthError(401, 'invalid_client', 'Client authentication failed.', { 'www-authenticate': 'Basic realm="oauth2"' });
  }
  const grant = form.get('grant_type');
  if (grant === null) return oauthError(400, 'invalid_request', 'The grant_type parameter is required.');
  if (grant !== 'client_credentials') {
    return oauthError(400, 'unsupported_grant_type', `The authorization grant type '${grant}' is not supported.`);
  }
  const scope = form.get('scope') ?? '';
  const token = tokens.issue(creds.id, scope, now);
  return {
    status: 200,
    body: { token_type: 'Bearer', expires_in: token.expiresIn, access_token: token.accessToken, scope },
    headers: noStore,
  };
}
