/**
 * Sitemaps (sitemaps.org 0.9), sitemap indexes, Google-News sitemaps and plain-text sitemaps. Parsing is
 * pure; `fetchSitemap` adds the fetch and un-gzips `.xml.gz` files served without Content-Encoding.
 */
import { NonRetryableFetchError } from '../errors.ts';
import { decodeBody, readStreamCapped } from '../decode-body.ts';
import type { Fetcher } from '../fetch-page.ts';
import { parseDiscoveryDate } from './dates.ts';
import { isSameSite, normalizeUrl } from './urls.ts';
import { asList, asNode, parseXml, rootName, textOf, withDefined } from './xml.ts';

/** The protocol's limit for one uncompressed sitemap is 50 MB; a Worker cannot hold that, so default lower. */
export const DEFAULT_MAX_SITEMAP_BYTES = 10 * 1024 * 1024;

export interface SitemapRef {
  loc: string;
  lastmod?: Date;
}

export interface SitemapUrl {
  loc: string;
  lastmod?: Date;
  /** `news:news/news:title` of a Google-News sitemap. */
  newsTitle?: string;
  /** `news:news/news:publication_date` of a Google-News sitemap. */
  newsPublicationDate?: Date;
}

/** `skipped` counts entries left out: no usable <loc>, or a loc on another site. */
export type ParsedSitemap =
  | { kind: 'index'; sitemaps: SitemapRef[]; skipped: number }
  | { kind: 'urlset'; urls: SitemapUrl[]; skipped: number };

export interface ParseSitemapOptions {
  /** Locs must be on this site (host, `www.` ignored); defaults to the sitemap's own host. */
  siteUrl?: string;
}

/**
 * Reads a sitemap or sitemap index. Relative locs are resolved against `baseUrl`; locs on other sites are
 * skipped (and counted). Throws NonRetryableFetchError (reason `invalid-content`) for malformed XML or a
 * document that is neither `<urlset>` nor `<sitemapindex>`.
 */
export function parseSitemap(xml: string, baseUrl: string, options: ParseSitemapOptions = {}): ParsedSitemap {
  const siteUrl = options.siteUrl ?? baseUrl;
  const resolve = (loc: string | undefined): string | null => {
    const url = loc ? normalizeUrl(loc, baseUrl) : null;
    return url && isSameSite(url, siteUrl) ? url : null;
  };
  if (looksLikeTextSitemap(xml)) return parseTextSitemap(xml, resolve);

  const document = parseXml(xml, baseUrl, 'a sitemap (<urlset> or <sitemapindex>)');
  const root = rootName(document);
  if (root === 'sitemapindex') {
    const sitemaps: SitemapRef[] = [];
    const entries = asList(asNode(document.sitemapindex)?.sitemap);
    for (const entry of entries) {
      const node = asNode(entry);
      const loc = resolve(textOf(node?.loc));
      if (loc) sitemaps.push(withDefined({ loc, lastmod: parseDiscoveryDate(textOf(node?.lastmod)) }));
    }
    return { kind: 'index', sitemaps, skipped: entries.length - sitemaps.length };
  }
  if (root === 'urlset') {
    const urls: SitemapUrl[] = [];
    const entries = asList(asNode(document.urlset)?.url);
    for (const entry of entries) {
      const node = asNode(entry);
      const loc = resolve(textOf(node?.loc));
      if (!loc) continue;
      const news = asNode(asList(node?.news)[0]);
      urls.push(
        withDefined({
          loc,
          lastmod: parseDiscoveryDate(textOf(node?.lastmod)),
          newsTitle: textOf(news?.title),
          newsPublicationDate: parseDiscoveryDate(textOf(news?.publication_date)),
        }),
      );
    }
    return { kind: 'urlset', urls, skipped: entries.length - urls.length };
  }
  throw new NonRetryableFetchError(`Expected <urlset> or <sitemapindex> at ${baseUrl}, received <${root ?? 'nothing'}>`, {
    url: baseUrl,
    reason: 'invalid-content',
  });
}

function looksLikeTextSitemap(text: string): boolean {
  const firstLine = text.replace(/^[\s\uFEFF]+/, '').split(/\r?\n/, 1)[0] ?? '';
  return /^https?:\/\/\S+$/i.test(firstLine.trim());
}

function parseTextSitemap(text: string, resolve: (loc: string) => string | null): ParsedSitemap {
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  const urls = lines.flatMap((line) => {
    const loc = resolve(line);
    return loc ? [{ loc }] : [];
  });
  return { kind: 'urlset', urls, skipped: lines.length - urls.length };
}

export interface FetchSitemapOptions {
  siteUrl?: string;
  signal?: AbortSignal;
  maxBodyBytes?: number;
}

/** Fetches and parses one sitemap; fetch errors and parse errors are thrown as the crawl error classes. */
export async function fetchSitemap(fetcher: Fetcher, url: string, options: FetchSitemapOptions = {}): Promise<ParsedSitemap> {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_SITEMAP_BYTES;
  const page = await fetcher.fetchPage(url, { maxBodyBytes, ...(options.signal ? { signal: options.signal } : {}) });
  let text = page.text;
  if (page.bytes[0] === 0x1f && page.bytes[1] === 0x8b) {
    const xml = await gunzip(page.bytes, maxBodyBytes, page.url);
    text = decodeBody(xml, null).text;
  }
  return parseSitemap(text, page.url, options.siteUrl ? { siteUrl: options.siteUrl } : {});
}

/** Un-gzips a `.xml.gz` body, stopping past `maxBytes` so a gzip bomb cannot exhaust memory. */
async function gunzip(bytes: Uint8Array, maxBytes: number, url: string): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  let unpacked: Uint8Array | null;
  try {
    unpacked = await readStreamCapped(stream, maxBytes);
  } catch (error) {
    throw new NonRetryableFetchError(`Expected valid gzip data at ${url}, received a broken stream: ${String(error)}`, {
      url,
      reason: 'invalid-content',
      cause: error,
    });
  }
  if (!unpacked) {
    throw new NonRetryableFetchError(`Expected a gzip'ed sitemap of at most ${maxBytes} bytes unpacked at ${url}, received more`, {
      url,
      reason: 'body-too-large',
    });
  }
  return unpacked;
}
