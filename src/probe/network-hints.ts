/**
 * Advice for failures below HTTP: DNS, refused or dropped connections, TLS and proxies. Pure.
 */
import type { Diagnosis, Place } from './diagnosis.js';

const dns = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);
const unreachable = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'EHOSTDOWN']);
const dropped = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
/** The server's certificate chain ends at a CA this machine does not trust. */
const untrusted = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
]);
const expired = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
/** TLS spoken to a port that answers in plain HTTP, or some other protocol. */
const notTls = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'EPROTO']);
const clientCertificate = /CERTIFICATE_REQUIRED|BAD_CERTIFICATE|ALERT_UNKNOWN_CA|CERTIFICATE_UNKNOWN/;

/** Advice for a connection-level failure, from the system or TLS code underneath. */
export function networkDiagnosis(code: string | undefined, place: Place): Diagnosis {
  const { key, url } = place;
  if (code !== undefined && dns.has(code)) {
    return {
      problem: 'host not found (DNS)',
      hint: `The host name of ${key} (${url.hostname}) does not resolve from this machine: check it for typos, and the DNS or VPN this machine uses.`,
    };
  }
  if (code === 'ECONNREFUSED') {
    return {
      problem: 'connection refused',
      hint: `Nothing accepts connections at ${url.host}: check the port of ${key} (https defaults to 443, http to 80), that the application is up, and that no firewall rejects this machine.`,
    };
  }
  if (code !== undefined && unreachable.has(code)) {
    return { problem: 'host unreachable', hint: `There is no route to ${url.host}: check the network, VPN or firewall; if this machine must go through a proxy, set proxy_url.` };
  }
  if (code !== undefined && dropped.has(code)) {
    return {
      problem: 'connection closed by the server',
      hint: `${url.host} (or a firewall or load balancer in front of it) closed the connection: check that the scheme of ${key} (http or https) matches the port.`,
    };
  }
  return tlsDiagnosis(code, place) ?? { problem: 'network error', hint: `Check ${key} and that this machine can reach ${url.host}.` };
}

function tlsDiagnosis(code: string | undefined, { key, url }: Place): Diagnosis | undefined {
  if (code === undefined) return undefined;
  if (untrusted.has(code)) {
    return {
      problem: 'TLS: certificate not trusted (self-signed or unknown CA)',
      hint: `The certificate of ${url.host} is signed by a CA this machine does not trust: set tls_config.ca_file to that CA's certificate (PEM). insecure_skip_verify: true is for a test only.`,
    };
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return {
      problem: 'TLS: certificate is for another host name',
      hint: `The certificate does not name ${url.hostname}: use the host name it was issued for in ${key}, or set tls_config.server_name to that name.`,
    };
  }
  if (expired.has(code)) {
    return { problem: 'TLS: certificate expired or not yet valid', hint: `The certificate of ${url.host} is outside its validity dates: renew it, and check this machine's clock.` };
  }
  if (notTls.has(code)) {
    return { problem: 'TLS handshake failed', hint: `${url.host} does not speak TLS: if it serves plain HTTP, use http:// in ${key}; otherwise check the port.` };
  }
  if (clientCertificate.test(code)) {
    return { problem: 'TLS: client certificate required or refused', hint: 'The server wants a client certificate it trusts: set tls_config.cert_file and tls_config.key_file.' };
  }
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code.includes('CERT')) {
    return { problem: 'TLS error', hint: `The TLS handshake with ${url.host} failed: check tls_config (ca_file, server_name, cert_file, key_file).` };
  }
  return undefined;
}

const proxyUnreachable = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);
const bypass = 'or bypass the proxy for this host with no_proxy (or proxy_from_environment: false)';

/** Advice when the proxy itself refused or could not be reached; `undefined` for a failure beyond it. */
export function proxyDiagnosis(proxy: string, proxyStatus: number | undefined, code: string | undefined, { url }: Place): Diagnosis | undefined {
  if (proxyStatus === 407) {
    return {
      problem: 'proxy authentication required (HTTP 407)',
      hint: `The proxy ${proxy} wants credentials: put them in proxy_url (http://user:password@${proxy}, percent-encoded) or in HTTPS_PROXY.`,
    };
  }
  if (proxyStatus !== undefined) {
    return {
      problem: `the proxy refused the tunnel (HTTP ${proxyStatus})`,
      hint: `The proxy ${proxy} does not let this machine CONNECT to ${url.host}: ask for it to be allowed, ${bypass}.`,
    };
  }
  if (code !== undefined && proxyUnreachable.has(code)) {
    return {
      problem: 'proxy unreachable',
      hint: `The proxy ${proxy} (from proxy_url, or HTTPS_PROXY / HTTP_PROXY in the environment) cannot be reached (${code}): check its host and port, ${bypass}.`,
    };
  }
  return undefined;
}
