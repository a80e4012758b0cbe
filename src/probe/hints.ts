/**
 * Turns the facts of a failed request into what a person setting the exporter up needs: a short name of
 * the problem and a hint naming the configuration key to change. Pure; docs/troubleshooting.md is built
 * from these texts.
 */
import { authKinds } from '../config/auth-kinds.js';
import { formatDuration } from '../config/duration.js';
import type { AuthConfig } from '../config/types.js';
import type { Diagnosis, Place } from './diagnosis.js';
import type { FailureFacts } from './failure.js';
import { networkDiagnosis, proxyDiagnosis } from './network-hints.js';

export type { Diagnosis } from './diagnosis.js';

/** What a hint needs to know about the target. */
export interface HintContext {
  readonly authKind: AuthConfig['kind'];
  readonly baseUrl: string;
  readonly tokenUrl?: string;
  readonly requestTimeoutMs: number;
}

/** The problem and a hint for one failure. */
export function diagnose(facts: FailureFacts, context: HintContext): Diagnosis {
  const place: Place =
    facts.at === 'token' && context.tokenUrl !== undefined
      ? { key: 'oauth2.token_url', url: new URL(context.tokenUrl) }
      : { key: 'base_url', url: new URL(context.baseUrl) };
  if (facts.proxy !== undefined) {
    const viaProxy = proxyDiagnosis(facts.proxy, facts.proxyStatus, facts.causeCode, place);
    if (viaProxy !== undefined) return viaProxy;
  }
  switch (facts.kind) {
    case 'secret_file':
      return { problem: 'secret file unreadable', hint: 'The *_file named above cannot be read by this user: check its path and permissions.' };
    case 'status':
      return facts.at === 'token' ? tokenDiagnosis(facts.status ?? 0, facts.oauthError) : apiStatusDiagnosis(facts, context);
    case 'timeout':
      return {
        // In the configuration's own syntax: `request_timeout: 500ms` reads back as 500ms, not 0.5s.
        problem: `no answer within request_timeout (${formatDuration(context.requestTimeoutMs)})`,
        hint: `${place.url.host} did not accept the connection or answer in time: a firewall silently dropping packets, a wrong host or port in ${place.key}, or a slow server (then raise request_timeout).`,
      };
    case 'network':
      return networkDiagnosis(facts.causeCode, place);
    case 'not_json':
      return {
        problem: `not a JSON API (HTTP ${facts.status ?? '?'} with a body that is not JSON)`,
        hint:
          facts.at === 'token'
            ? 'oauth2.token_url answered with something other than a token response, such as a login page: use the token endpoint of the authorization server (Guidewire Hub: .../v1/token).'
            : 'The URL answers with an HTML page or other text, typically a login or SSO page, a portal or a proxy\'s page: base_url must be the application\'s REST root, everything up to and including /rest.',
      };
    case 'invalid_response':
      return { problem: 'unexpected response', hint: 'The server answered JSON that is not the System Tools API\'s: check that base_url is the REST root of a Guidewire application (up to and including /rest).' };
    case 'limit_exceeded':
      return {
        problem: 'answer exceeds a limit',
        hint: 'The server sent more processes, more items on a page or longer values than the limits allow (see the error above): a real Guidewire application stays far below the defaults, so check that base_url is the System Tools API, or raise the named key under limits.',
      };
    case 'other':
      return { problem: 'request failed', hint: 'See the error above.' };
  }
}

function apiStatusDiagnosis(facts: FailureFacts, context: HintContext): Diagnosis {
  const status = facts.status ?? 0;
  const code = `HTTP ${status}`;
  if (status === 401) return unauthorized(context.authKind);
  if (status === 403) {
    return {
      problem: `permission denied (${code})`,
      hint: 'The credentials are valid but the user lacks the System Tools permission: grant it GET on /systemtools/v1/** (the API role of the Guidewire Cloud service application, or the role of the self-managed user).',
    };
  }
  if (status === 404 && facts.literalType !== undefined) {
    return {
      problem: `batch process type "${facts.literalType}" not found (${code})`,
      hint: 'Type codes are case-sensitive (ActivityEsc, not activityesc): check batch_processes.include against the codes Guidewire lists (include "*" to see them all).',
    };
  }
  if (status === 404) {
    const path = new URL(context.baseUrl).pathname;
    const noRest = path.endsWith('/rest') ? '' : ` This base_url (path "${path}") does not end in /rest.`;
    return {
      problem: `no System Tools API at this URL (${code})`,
      hint: `base_url must be everything up to and including /rest, with the context root of a self-managed install (https://host/pc/rest, /cc/rest, /bc/rest); Guidewire Cloud has none (https://host/rest).${noRest}`,
    };
  }
  if (status >= 300 && status < 400) {
    return {
      problem: `redirected (${code})`,
      hint: 'The exporter never follows redirects: base_url has moved (http to https, another host) or leads to a login page; set it to the final URL of the /rest root.',
    };
  }
  if (status === 429) return { problem: `rate limited (${code})`, hint: 'Guidewire asks for fewer requests: lower concurrency, raise poll_interval or narrow batch_processes.include.' };
  if (status >= 500) {
    return {
      problem: `server error (${code})`,
      hint: 'Guidewire, or a gateway or load balancer in front of it, is failing: check the application\'s health and logs. A 502, 503 or 504 from a gateway usually means the application behind it is down or starting.',
    };
  }
  return { problem: `request refused (${code})`, hint: 'Guidewire refused the request; its message above says why.' };
}

/** What a 401 means: no credentials sent, or the kind's own advice (`config/auth-kinds.ts`). */
function unauthorized(authKind: AuthConfig['kind']): Diagnosis {
  if (authKind === 'none') {
    return { problem: 'authentication required (HTTP 401)', hint: 'Guidewire wants credentials and this target sends none: add basic_auth (self-managed) or oauth2 (Guidewire Cloud) to it.' };
  }
  return authKinds[authKind].refused;
}

/** The token endpoint answered, but with no token; `oauthError` is its RFC 6749 `error` code. */
function tokenDiagnosis(status: number, oauthError: string | undefined): Diagnosis {
  const problem = `token request refused (HTTP ${status}${oauthError === undefined ? '' : ` ${oauthError}`})`;
  if (oauthError === 'invalid_scope') return { problem, hint: 'The authorization server does not grant the requested oauth2.scopes to this client: check their spelling and the client\'s grants in Guidewire Hub.' };
  if (oauthError === 'unauthorized_client' || oauthError === 'unsupported_grant_type' || oauthError === 'invalid_grant') {
    return { problem, hint: 'This client may not use the client-credentials grant: enable it for the service application in Guidewire Hub.' };
  }
  if (oauthError === 'invalid_client' || status === 401 || status === 400) {
    return {
      problem,
      hint: 'The token endpoint refused the client credentials (sent both as HTTP Basic and in the form): check oauth2.client_id and client_secret / client_secret_file, and that oauth2.token_url belongs to the authorization server that issued them.',
    };
  }
  if (status === 404 || status === 405) return { problem, hint: 'oauth2.token_url is not a token endpoint: for Guidewire Hub it ends in /v1/token.' };
  if (status >= 200 && status < 300) {
    // Either no access_token at all, or one (or a token_type) that an HTTP header cannot carry: the error
    // above says which, without the token.
    return { problem: 'token response without a usable access_token', hint: 'oauth2.token_url answered 2xx but with no access_token, or with a token or token_type holding characters an HTTP header cannot carry (see the error above): it is probably not the token endpoint, or the authorization server is misbehaving.' };
  }
  if (status >= 300 && status < 400) return { problem, hint: 'Redirects are never followed: set oauth2.token_url to the final URL of the token endpoint.' };
  if (status >= 500) return { problem, hint: 'The authorization server is failing: try again later, or check its status.' };
  return { problem, hint: 'Check the oauth2 settings: token_url, client_id, client_secret, scopes and endpoint_params.' };
}
