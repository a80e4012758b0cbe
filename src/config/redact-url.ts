/**
 * URLs for display (`/config`, `--config.check`): a token endpoint's query may carry an audience, a
 * resource or an API key, so its values are never shown, nor is a proxy URL's password. Pure.
 */

/**
 * `text` with every query parameter's value replaced by `<secret>` (`?audience=<secret>&resource=<secret>`)
 * and a parameter without `=` replaced as a whole; scheme, host and path as written. A URL without a query
 * comes back unchanged.
 */
export function redactQuery(text: string): string {
  const at = text.indexOf('?');
  if (at < 0) return text;
  const params = text
    .slice(at + 1)
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      return eq <= 0 ? '<secret>' : `${part.slice(0, eq)}=<secret>`;
    });
  return `${text.slice(0, at)}?${params.join('&')}`;
}

/** The keys of `params` with every value as `<secret>`. */
export function redactValues(params: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.keys(params).map((key) => [key, '<secret>']));
}

/**
 * The URL with any userinfo password replaced by `<secret>` (a lone user name, used as a token by some
 * proxies, too): what summaries and dumps show.
 */
export function redactProxyUrl(proxyUrl: string): string {
  if (!URL.canParse(proxyUrl)) return '<secret>';
  const url = new URL(proxyUrl);
  if (url.password !== '') return `${url.protocol}//${url.username}:<secret>@${url.host}`;
  if (url.username !== '') return `${url.protocol}//<secret>@${url.host}`;
  return url.origin;
}
