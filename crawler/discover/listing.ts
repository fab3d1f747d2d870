/**
 * Listing and category pages → the article links on them and the next (older) page, for back-filling
 * history that sitemaps and feeds no longer list. Parsing is pure; `fetchListing` adds the fetch.
 */
import { load, type CheerioAPI } from 'cheerio/slim';
import type { Fetcher } from '../fetch-page.ts';
import { parseDiscoveryDate } from './dates.ts';
import { articleUrlOf, isSameSite, normalizeUrl, type ArticleRules } from './urls.ts';

export interface ListingArticle {
  url: string;
  /** Link text (the longest of the links to this article), when there is some. */
  title?: string;
  /** From a `<time datetime>` in the link's list item, else from a `/YYYY/MM/DD/` path. */
  publishedAt?: Date;
}

export interface ParsedListing {
  /** Article URLs in page order, normalised and deduplicated. */
  articleUrls: string[];
  articles: ListingArticle[];
  nextPageUrl: string | null;
}

// Elements that usually wrap one teaser in WordPress, Blogger and the news themes Indonesian outlets use.
const TEASER = 'article, li, .post, .entry, .item, .news-item, .td_module_wrap, .jeg_post, .list-berita, .media';
const NEXT_SELECTORS = [
  'link[rel~="next"]',
  'a[rel~="next"]',
  'a.next',
  '.next a',
  '.nav-previous a',
  'a.blog-pager-older-link',
  '.blog-pager-older-link a',
  'a.older-posts',
  '.pagination-next a',
];
const NEXT_TEXT = new RegExp(
  '^(older posts?|older entries|next( page)?|berikutnya|selanjutnya|halaman (berikutnya|selanjutnya)|' +
    'lebih lama|posting(an)? lama|artikel lama|berita lama)$',
  'i',
);
const ARROWS = /^[\s»›→>]+|[\s»›→>]+$/g;

/**
 * Reads a listing page of `source`: links on the same site whose path is an article path (and not an
 * excluded one), fragments and tracking parameters removed; and the next page, from `rel=next`, the
 * "older posts" links of common themes and Blogger, their Indonesian wording, or a `/page/N+1/` link.
 */
export function parseListing(html: string, pageUrl: string, source: ArticleRules): ParsedListing {
  const $ = load(html);
  const base = baseOf($, pageUrl);
  const byUrl = new Map<string, ListingArticle>();
  $('a[href]').each((_index, element) => {
    const anchor = $(element);
    const url = articleUrlOf(anchor.attr('href') ?? '', base, source);
    if (!url) return;
    const article = byUrl.get(url) ?? { url };
    const title = (anchor.text() || anchor.attr('title') || '').replace(/\s+/g, ' ').trim();
    if (title.length > (article.title?.length ?? 0)) article.title = title.slice(0, 500);
    if (!article.publishedAt) {
      const teaserTime = anchor.closest(TEASER).find('time[datetime]').first().attr('datetime');
      const publishedAt = parseDiscoveryDate(teaserTime) ?? dateInPath(url);
      if (publishedAt) article.publishedAt = publishedAt;
    }
    byUrl.set(url, article);
  });
  const articles = [...byUrl.values()];
  return { articleUrls: articles.map((article) => article.url), articles, nextPageUrl: findNextPage($, base, pageUrl, source) };
}

function baseOf($: CheerioAPI, pageUrl: string): string {
  const declared = $('base[href]').attr('href');
  return (declared && normalizeUrl(declared, pageUrl)) || pageUrl;
}

function findNextPage($: CheerioAPI, base: string, pageUrl: string, source: ArticleRules): string | null {
  const current = normalizeUrl(pageUrl);
  const usable = (href: string | undefined): string | null => {
    const url = href ? normalizeUrl(href, base) : null;
    if (!url || url === current || !isSameSite(url, pageUrl)) return null;
    // "Selanjutnya" also labels read-more links; a next page is never an article.
    return articleUrlOf(url, base, source) ? null : url;
  };
  for (const selector of NEXT_SELECTORS) {
    for (const element of $(selector).toArray()) {
      const url = usable($(element).attr('href'));
      if (url) return url;
    }
  }
  for (const element of $('a[href]').toArray()) {
    const text = $(element).text().replace(/\s+/g, ' ').replace(ARROWS, '');
    if (NEXT_TEXT.test(text)) {
      const url = usable($(element).attr('href'));
      if (url) return url;
    }
  }
  const wanted = nextNumberedPage(current ?? pageUrl);
  for (const element of $('a[href]').toArray()) {
    const url = usable($(element).attr('href'));
    if (url && wanted.includes(url.replace(/\/$/, ''))) return url;
  }
  return null;
}

/** The URLs page N+1 would have under the `/page/N/`, `?page=N` and `?paged=N` schemes, without trailing slash. */
function nextNumberedPage(pageUrl: string): string[] {
  const url = new URL(pageUrl);
  const pathPage = /\/page\/(\d+)\/?$/.exec(url.pathname);
  const pathBase = pathPage ? url.pathname.slice(0, pathPage.index) : url.pathname.replace(/\/$/, '');
  const next = (n: string | null | undefined) => String(Number(n ?? '1') + 1);
  const byPath = new URL(url);
  byPath.pathname = `${pathBase}/page/${next(pathPage?.[1])}`;
  const candidates = [byPath.href];
  for (const name of ['page', 'paged']) {
    const byQuery = new URL(url);
    byQuery.searchParams.set(name, next(url.searchParams.get(name)));
    candidates.push(byQuery.href);
  }
  return candidates.map((candidate) => candidate.replace(/\/$/, ''));
}

function dateInPath(url: string): Date | undefined {
  const match = /\/((?:19|20)\d{2})\/(0[1-9]|1[0-2])\/(0[1-9]|[12]\d|3[01])\//.exec(new URL(url).pathname);
  return match ? parseDiscoveryDate(`${match[1]}-${match[2]}-${match[3]}`) : undefined;
}

export interface FetchListingOptions {
  signal?: AbortSignal;
}

/** Fetches and parses one listing page (HTML only). */
export async function fetchListing(
  fetcher: Fetcher,
  url: string,
  source: ArticleRules,
  options: FetchListingOptions = {},
): Promise<ParsedListing & { url: string }> {
  const page = await fetcher.fetchPage(url, {
    accept: ['text/html', 'application/xhtml+xml'],
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { ...parseListing(page.text, page.url, source), url: page.url };
}
