/**
 * URL rules shared by the discovery parsers: which links belong to a source, which are articles, and one
 * normal form per page so the same article found in a sitemap, a feed and a listing is counted once.
 */
import type { SourceDefinition } from '../sources/types.ts';

export type ArticleRules = Pick<SourceDefinition, 'origin' | 'articlePathPattern' | 'excludePathPattern'>;

// Campaign and click ids never select different content, so they only split one article into many URLs.
const TRACKING_PARAM = /^(utm_[a-z0-9_]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga)$/i;

/**
 * `url` resolved against `base`, without fragment and tracking parameters; null when it is not http(s).
 * @example normalizeUrl('/a?utm_source=x&id=2#top', 'https://x.id/') // 'https://x.id/a?id=2'
 */
export function normalizeUrl(url: string, base?: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim(), base);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  parsed.hash = '';
  for (const name of [...parsed.searchParams.keys()]) {
    if (TRACKING_PARAM.test(name)) parsed.searchParams.delete(name);
  }
  if (parsed.search === '?') parsed.search = '';
  return parsed.href;
}

/** Host without a leading `www.`: outlets serve both and link to both. */
export function siteHost(url: URL | string): string {
  return (typeof url === 'string' ? new URL(url) : url).host.toLowerCase().replace(/^www\./, '');
}

export function isSameSite(a: URL | string, b: URL | string): boolean {
  return siteHost(a) === siteHost(b);
}

/**
 * The normalised URL of an article of `source`, or null when `url` is off-site or not an article page.
 * Same-site URLs on another scheme or with/without `www.` are moved onto `source.origin`, so each article has
 * one address whatever link led to it.
 */
export function articleUrlOf(url: string, base: string, source: ArticleRules): string | null {
  const normalized = normalizeUrl(url, base);
  if (!normalized) return null;
  const parsed = new URL(normalized);
  const origin = new URL(source.origin);
  if (!isSameSite(parsed, origin)) return null;
  if (!matches(source.articlePathPattern, parsed.pathname)) return null;
  if (source.excludePathPattern && matches(source.excludePathPattern, parsed.pathname)) return null;
  parsed.protocol = origin.protocol;
  parsed.host = origin.host;
  return parsed.href;
}

function matches(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0; // a /g or /y pattern would otherwise remember where the last test stopped
  return pattern.test(text);
}
