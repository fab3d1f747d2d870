/**
 * RSS 2.0, RSS 1.0 (RDF) and Atom feeds → the article links they announce, with title and date.
 * Parsing is pure; `fetchFeed` adds the fetch.
 */
import { NonRetryableFetchError } from '../errors.ts';
import type { Fetcher } from '../fetch-page.ts';
import { parseDiscoveryDate } from './dates.ts';
import { normalizeUrl } from './urls.ts';
import { asList, asNode, parseXml, rootName, textOf, withDefined, type XmlNode } from './xml.ts';

export interface FeedItem {
  url: string;
  title?: string;
  publishedAt?: Date;
  /** Atom `updated` / RSS `dc:modified`, when the feed gives one. */
  updatedAt?: Date;
}

/** `skipped` counts items without a usable link. */
export interface ParsedFeed {
  kind: 'rss' | 'rdf' | 'atom';
  items: FeedItem[];
  skipped: number;
}

/**
 * Reads an RSS or Atom feed. Links are resolved against `baseUrl`; Atom entries use their `rel="alternate"`
 * link (HTML preferred); FeedBurner's `origLink` beats a proxied link. Throws NonRetryableFetchError (reason
 * `invalid-content`) for malformed XML or a document that is not a feed.
 */
export function parseFeed(xml: string, baseUrl: string): ParsedFeed {
  const document = parseXml(xml, baseUrl, 'an RSS or Atom feed');
  const root = rootName(document);
  let kind: ParsedFeed['kind'];
  let entries: unknown[];
  if (root === 'rss') {
    kind = 'rss';
    entries = asList(asNode(asNode(document.rss)?.channel)?.item);
  } else if (root === 'RDF') {
    kind = 'rdf';
    entries = asList(asNode(document.RDF)?.item);
  } else if (root === 'feed') {
    kind = 'atom';
    entries = asList(asNode(document.feed)?.entry);
  } else {
    throw new NonRetryableFetchError(`Expected <rss>, <rdf:RDF> or <feed> at ${baseUrl}, received <${root ?? 'nothing'}>`, {
      url: baseUrl,
      reason: 'invalid-content',
    });
  }
  const items: FeedItem[] = [];
  for (const entry of entries) {
    const node = asNode(entry);
    if (!node) continue;
    const link = kind === 'atom' ? atomLink(node) : rssLink(node);
    const url = link ? normalizeUrl(link, baseUrl) : null;
    if (!url) continue;
    const published = kind === 'atom' ? (node.published ?? node.issued ?? node.updated) : (node.pubDate ?? node.date);
    items.push(
      withDefined({
        url,
        title: plainTitle(textOf(node.title)),
        publishedAt: parseDiscoveryDate(textOf(published)),
        updatedAt: parseDiscoveryDate(textOf(kind === 'atom' ? node.updated : node.modified)),
      }),
    );
  }
  return { kind, items, skipped: entries.length - items.length };
}

function rssLink(item: XmlNode): string | undefined {
  const original = textOf(item.origLink);
  if (original) return original;
  // An <atom:link/> inside an item also lands on `link` once prefixes are removed; it has no text, so it is passed over.
  const text = asList(item.link).map(textOf).find((value) => value !== undefined);
  if (text) return text;
  const guid = asNode(item.guid);
  const guidText = textOf(item.guid);
  const permalink = guid?.['@_isPermaLink'] !== 'false';
  return permalink && guidText && /^https?:\/\//i.test(guidText) ? guidText : undefined;
}

function atomLink(entry: XmlNode): string | undefined {
  const original = textOf(entry.origLink);
  if (original) return original;
  const links = asList(entry.link).flatMap((link) => {
    const node = asNode(link);
    const href = typeof node?.['@_href'] === 'string' ? node['@_href'] : undefined;
    return href ? [{ href, rel: String(node?.['@_rel'] ?? 'alternate'), type: String(node?.['@_type'] ?? '') }] : [];
  });
  const alternates = links.filter((link) => link.rel === 'alternate');
  return (alternates.find((link) => link.type === '' || link.type.includes('html')) ?? alternates[0])?.href;
}

/** Titles of type="html" arrive with markup once entities are decoded; a link title wants plain text. */
function plainTitle(title: string | undefined): string | undefined {
  return title?.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim() || undefined;
}

export interface FetchFeedOptions {
  signal?: AbortSignal;
}

/** Fetches and parses one feed; fetch errors and parse errors are thrown as the crawl error classes. */
export async function fetchFeed(fetcher: Fetcher, url: string, options: FetchFeedOptions = {}): Promise<ParsedFeed> {
  const page = await fetcher.fetchPage(url, options.signal ? { signal: options.signal } : {});
  return parseFeed(page.text, page.url);
}
