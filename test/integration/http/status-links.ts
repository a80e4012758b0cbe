import { get } from '../../support/scrape.js';

/** Every `href` and form `action` of a page, HTML entities undone. */
export function pageLinks(html: string): string[] {
  return [...html.matchAll(/\s(?:href|action)="([^"]*)"/g)].map((m) => (m[1] ?? '').replace(/&amp;/g, '&'));
}

/**
 * Resolves each same-origin link of the page at `pageUrl` as a browser would and GETs it; returns the
 * links that did not answer 200 (fragment-only links must name an id of the page). External links are
 * returned apart, unfetched: no network beyond loopback.
 */
export async function brokenLinks(pageUrl: string, html: string): Promise<{ broken: string[]; external: string[]; checked: string[] }> {
  const origin = new URL(pageUrl).origin;
  const broken: string[] = [];
  const external: string[] = [];
  const checked: string[] = [];
  for (const href of new Set(pageLinks(html))) {
    if (href.startsWith('#')) {
      if (!html.includes(`id="${href.slice(1)}"`)) broken.push(href);
      continue;
    }
    const url = new URL(href, pageUrl);
    if (url.origin !== origin) {
      external.push(url.href);
      continue;
    }
    checked.push(url.pathname);
    const { status } = await get(url.href);
    if (status !== 200) broken.push(`${href} -> ${url.pathname}: ${status}`);
  }
  return { broken, external, checked };
}
