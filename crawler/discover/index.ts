/**
 * Finds the article URLs of one source: robots.txt `Sitemap:` lines and the source's sitemaps (indexes
 * followed), then feeds, then listing pages with pagination. Every URL is checked against the source's
 * article rules and robots.txt, deduplicated, and merged with what the other places said about it.
 * A failing sitemap, feed or listing page is reported in `errors` and discovery goes on.
 */
import { CrawlError } from '../errors.ts';
import type { Fetcher, PoliteFetcher } from '../fetch-page.ts';
import type { SourceDefinition } from '../sources/types.ts';
import { fetchFeed } from './feed.ts';
import { fetchListing } from './listing.ts';
import type { RobotsCache, RobotsRules } from './robots.ts';
import { DEFAULT_MAX_SITEMAP_BYTES, fetchSitemap, type SitemapRef } from './sitemap.ts';
import { articleUrlOf, normalizeUrl } from './urls.ts';
import { withDefined } from './xml.ts';

export { parseFeed, type FeedItem, type ParsedFeed } from './feed.ts';
export { parseListing, type ParsedListing } from './listing.ts';
export { fetchRobots, parseRobots, RobotsCache, type RobotsRules } from './robots.ts';
export { parseSitemap, type ParsedSitemap } from './sitemap.ts';

export interface DiscoveredUrl {
  url: string;
  /** Where the URL was first seen. */
  via: 'sitemap' | 'news-sitemap' | 'feed' | 'listing';
  lastmod?: Date;
  title?: string;
  publishedAt?: Date;
}

export interface DiscoveryError {
  url: string;
  stage: 'robots' | 'sitemap' | 'feed' | 'listing';
  message: string;
  status?: number;
}

export interface DiscoverOptions {
  userAgent: string;
  robots: RobotsCache;
  /** Leave out URLs whose latest known date (lastmod or publication) falls on a day (WIB) before this one. */
  since?: Date;
  /** Pages read per listing, the first included. Default 5. */
  maxListingPages?: number;
  /** Sitemap documents read, indexes included. Default 50. */
  maxSitemaps?: number;
  maxSitemapBytes?: number;
  /** Longest robots.txt Crawl-delay applied to the fetcher; a site asking for more gets this. Default 30 s. */
  maxCrawlDelayMillis?: number;
  signal?: AbortSignal;
}

export interface DiscoveryResult {
  /** Newest first where dates are known; undated URLs follow in the order they were found. */
  urls: DiscoveredUrl[];
  errors: DiscoveryError[];
  /** Article URLs robots.txt does not let us fetch. */
  disallowed: string[];
}

type Stage = DiscoveryError['stage'];
type Metadata = Omit<DiscoveredUrl, 'url' | 'via'>;

export async function discoverArticleUrls(
  source: SourceDefinition,
  fetcher: Fetcher,
  options: DiscoverOptions,
): Promise<DiscoveryResult> {
  const rules = await options.robots.get(source.origin, fetcher, options.signal);
  const run = new DiscoveryRun(source, fetcher, options, rules);
  if (rules.status === 'disallow-all' && rules.reason) {
    run.errors.push({ url: new URL('/robots.txt', source.origin).href, stage: 'robots', message: rules.reason });
  }
  const crawlDelayMillis = rules.crawlDelayMillis(options.userAgent);
  if (crawlDelayMillis && isPoliteFetcher(fetcher)) {
    fetcher.setHostDelayMillis(source.origin, Math.min(crawlDelayMillis, options.maxCrawlDelayMillis ?? 30_000));
  }
  await readSitemaps(run, [...rules.sitemaps, ...source.sitemaps]);
  await readFeeds(run);
  await readListings(run);
  return run.result();
}

/** What one discovery has found so far, and the rules every candidate URL goes through. */
class DiscoveryRun {
  readonly found = new Map<string, DiscoveredUrl>();
  readonly disallowed = new Set<string>();
  readonly errors: DiscoveryError[] = [];
  readonly source: SourceDefinition;
  readonly fetcher: Fetcher;
  readonly options: DiscoverOptions;
  readonly rules: RobotsRules;
  readonly #sinceDay: string | null;

  constructor(source: SourceDefinition, fetcher: Fetcher, options: DiscoverOptions, rules: RobotsRules) {
    this.source = source;
    this.fetcher = fetcher;
    this.options = options;
    this.rules = rules;
    this.#sinceDay = options.since ? wibDay(options.since) : null;
  }

  get signalOption(): { signal?: AbortSignal } {
    return this.options.signal ? { signal: this.options.signal } : {};
  }

  /** True when every known date is on a day before `since` (unknown dates never make a URL old). */
  isOld(...dates: (Date | undefined)[]): boolean {
    const known = dates.filter((date): date is Date => date !== undefined);
    return this.#sinceDay !== null && known.length > 0 && known.every((date) => wibDay(date) < this.#sinceDay!);
  }

  /** Takes in a candidate link; an article seen before gets the new metadata merged in. */
  add(candidate: string, base: string, via: DiscoveredUrl['via'], meta: Metadata): 'new' | 'seen' | 'old' | 'disallowed' | 'rejected' {
    const url = articleUrlOf(candidate, base, this.source);
    if (!url) return 'rejected';
    const existing = this.found.get(url);
    if (existing) {
      if (meta.lastmod && (!existing.lastmod || meta.lastmod > existing.lastmod)) existing.lastmod = meta.lastmod;
      existing.title ??= meta.title;
      existing.publishedAt ??= meta.publishedAt;
      return 'seen';
    }
    if (this.isOld(meta.lastmod, meta.publishedAt)) return 'old';
    if (!this.rules.isAllowed(url, this.options.userAgent)) {
      this.disallowed.add(url);
      return 'disallowed';
    }
    this.found.set(url, withDefined({ url, via, ...meta }));
    return 'new';
  }

  /** Sitemaps, feeds and listings may live on another host (a CDN): each is checked against its own robots.txt. */
  async mayFetch(url: string, _stage: Stage): Promise<boolean> {
    const sameOrigin = new URL(url).origin === new URL(this.source.origin).origin;
    const rules = sameOrigin ? this.rules : await this.options.robots.get(url, this.fetcher, this.options.signal);
    if (rules.isAllowed(url, this.options.userAgent)) return true;
    // Not a failure: the site asked us not to. Counted with the disallowed articles, not the errors.
    this.disallowed.add(url);
    return false;
  }

  /** Records a failed document; an abort of the whole discovery is rethrown instead. */
  failed(url: string, stage: Stage, error: unknown): void {
    if (this.options.signal?.aborted) throw error;
    const status = error instanceof CrawlError ? error.status : null;
    const message = error instanceof Error ? error.message : String(error);
    this.errors.push({ url, stage, message, ...(status ? { status } : {}) });
  }

  result(): DiscoveryResult {
    const urls = [...this.found.values()];
    urls.sort((a, b) => newestFirst(a.publishedAt ?? a.lastmod, b.publishedAt ?? b.lastmod));
    return { urls, errors: this.errors, disallowed: [...this.disallowed] };
  }
}

/** Breadth first through sitemap indexes, newest child sitemaps first, skipping children untouched since `since`. */
async function readSitemaps(run: DiscoveryRun, start: string[]): Promise<void> {
  const maxSitemaps = run.options.maxSitemaps ?? 50;
  const maxBodyBytes = run.options.maxSitemapBytes ?? DEFAULT_MAX_SITEMAP_BYTES;
  const queued = new Set(start.map((loc) => normalizeUrl(loc) ?? loc));
  const queue: SitemapRef[] = [...queued].map((loc) => ({ loc }));
  let read = 0;
  while (queue.length > 0 && read < maxSitemaps) {
    const { loc } = queue.shift()!;
    if (!(await run.mayFetch(loc, 'sitemap'))) continue;
    read++;
    try {
      const sitemap = await fetchSitemap(run.fetcher, loc, { siteUrl: run.source.origin, maxBodyBytes, ...run.signalOption });
      const listed = sitemap.kind === 'index' ? sitemap.sitemaps.length : sitemap.urls.length;
      if (listed === 0 && sitemap.skipped > 0) {
        const message = `Expected entries on ${run.source.origin} in ${loc}, received ${sitemap.skipped} elsewhere or without <loc>`;
        run.errors.push({ url: loc, stage: 'sitemap', message });
      }
      if (sitemap.kind === 'index') {
        const children = sitemap.sitemaps.filter((child) => !queued.has(child.loc) && !run.isOld(child.lastmod));
        children.sort((a, b) => newestFirst(a.lastmod, b.lastmod));
        for (const child of children) queued.add(child.loc);
        queue.push(...children);
        continue;
      }
      for (const entry of sitemap.urls) {
        const via = entry.newsTitle !== undefined || entry.newsPublicationDate !== undefined ? 'news-sitemap' : 'sitemap';
        run.add(entry.loc, loc, via, { lastmod: entry.lastmod, title: entry.newsTitle, publishedAt: entry.newsPublicationDate });
      }
    } catch (error) {
      run.failed(loc, 'sitemap', error);
    }
  }
  if (queue.length > 0) {
    const message = `Stopped after ${maxSitemaps} sitemaps (maxSitemaps); ${queue.length} more not read`;
    run.errors.push({ url: queue[0]!.loc, stage: 'sitemap', message });
  }
}

async function readFeeds(run: DiscoveryRun): Promise<void> {
  for (const feedUrl of run.source.feeds) {
    if (!(await run.mayFetch(feedUrl, 'feed'))) continue;
    try {
      const feed = await fetchFeed(run.fetcher, feedUrl, run.signalOption);
      for (const item of feed.items) {
        run.add(item.url, feedUrl, 'feed', { title: item.title, publishedAt: item.publishedAt, lastmod: item.updatedAt });
      }
    } catch (error) {
      run.failed(feedUrl, 'feed', error);
    }
  }
}

/**
 * Follows each listing's older pages until a page shows nothing this listing has not shown already (the end, or a
 * site that repeats its last page), holds only articles older than `since`, or `maxListingPages` is reached.
 */
async function readListings(run: DiscoveryRun): Promise<void> {
  const maxListingPages = run.options.maxListingPages ?? 5;
  for (const start of run.source.listings) {
    const shown = new Set<string>();
    const visited = new Set<string>();
    for (let pageUrl: string | null = start; pageUrl && visited.size < maxListingPages; ) {
      visited.add(pageUrl);
      if (!(await run.mayFetch(pageUrl, 'listing'))) break;
      let listing;
      try {
        listing = await fetchListing(run.fetcher, pageUrl, run.source, run.signalOption);
      } catch (error) {
        run.failed(pageUrl, 'listing', error);
        break;
      }
      let fresh = 0;
      let old = 0;
      for (const article of listing.articles) {
        if (!shown.has(article.url)) fresh++;
        shown.add(article.url);
        const outcome = run.add(article.url, listing.url, 'listing', { title: article.title, publishedAt: article.publishedAt });
        const known = run.found.get(article.url);
        if (outcome === 'old' || (known && run.isOld(known.lastmod, known.publishedAt))) old++;
      }
      if (fresh === 0 || old === listing.articles.length) break;
      pageUrl = listing.nextPageUrl && !visited.has(listing.nextPageUrl) ? listing.nextPageUrl : null;
    }
  }
}

function isPoliteFetcher(fetcher: Fetcher): fetcher is PoliteFetcher {
  return typeof (fetcher as Partial<PoliteFetcher>).setHostDelayMillis === 'function';
}

/** The calendar day in Western Indonesia Time (UTC+7), as `YYYY-MM-DD`: compares as a string. */
function wibDay(date: Date): string {
  return new Date(date.getTime() + 7 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/** Sort order: later dates first, undated last (stable among themselves). */
function newestFirst(a: Date | undefined, b: Date | undefined): number {
  if (a && b) return b.getTime() - a.getTime();
  return a ? -1 : b ? 1 : 0;
}
