/**
 * robots.txt per RFC 9309: parsing over `robots-parser`, fetching with the RFC's status rules (2xx parse,
 * 4xx allow all, 5xx or unreachable disallow all), and a per-origin cache that expires within 24 hours.
 */
import robotsParserModule from 'robots-parser';
import { CrawlError } from '../errors.ts';
import type { Fetcher } from '../fetch-page.ts';

// robots-parser is CommonJS (`module.exports = fn`) with types that declare an ES default export, so under NodeNext
// TypeScript sees `{ default: fn }` while Node, tsx, vitest and esbuild (wrangler) all hand over the function itself.
type RobotsParser = typeof robotsParserModule.default;
const robotsParser: RobotsParser =
  typeof robotsParserModule === 'function' ? (robotsParserModule as RobotsParser) : robotsParserModule.default;

/** RFC 9309 asks crawlers to parse at least 500 KiB; content past that may be ignored. */
export const MAX_ROBOTS_BYTES = 500 * 1024;

export interface RobotsRules {
  /** True when `userAgent` may fetch `url`; `url` must be on the origin the rules were read from. */
  isAllowed(url: string, userAgent: string): boolean;
  /** Crawl-delay for the group matching `userAgent` (or `*`), in milliseconds, or null when none is set. */
  crawlDelayMillis(userAgent: string): number | null;
  /** Absolute URLs of the `Sitemap:` lines. */
  sitemaps: string[];
  /** How the rules were obtained: parsed, no robots.txt (allow all), or unreachable (disallow all). */
  status: 'parsed' | 'allow-all' | 'disallow-all';
  /** Why the rules are `allow-all` / `disallow-all`, for reports. */
  reason: string | null;
}

/** Rules read from the text of `url`'s robots.txt (only the first 500 KiB are considered). */
export function parseRobots(url: string, text: string): RobotsRules {
  const robotsUrl = new URL('/robots.txt', url).href;
  const robots = robotsParser(robotsUrl, text.length > MAX_ROBOTS_BYTES ? text.slice(0, MAX_ROBOTS_BYTES) : text);
  const origin = new URL(robotsUrl).origin;
  return {
    isAllowed(pageUrl, userAgent) {
      // robots-parser answers undefined for URLs of another origin; asking is a bug in the caller.
      const allowed = robots.isAllowed(pageUrl, userAgent);
      if (allowed === undefined) throw new RangeError(`Expected a URL on ${origin}, received ${pageUrl}`);
      return allowed;
    },
    crawlDelayMillis(userAgent) {
      const seconds = robots.getCrawlDelay(userAgent);
      return seconds === undefined || !Number.isFinite(seconds) || seconds < 0 ? null : seconds * 1000;
    },
    sitemaps: robots.getSitemaps().flatMap((sitemap: string) => {
      try {
        return [new URL(sitemap, robotsUrl).href];
      } catch {
        return [];
      }
    }),
    status: 'parsed',
    reason: null,
  };
}

function blanketRules(status: 'allow-all' | 'disallow-all', reason: string): RobotsRules {
  return { isAllowed: () => status === 'allow-all', crawlDelayMillis: () => null, sitemaps: [], status, reason };
}

/**
 * Fetches and parses `origin`'s robots.txt. Never throws for HTTP or network trouble: a 4xx means the site has
 * no rules for us (allow all), a 5xx, throttling or a network failure means we may not crawl it (disallow all).
 */
export async function fetchRobots(fetcher: Fetcher, origin: string, signal?: AbortSignal): Promise<RobotsRules> {
  const robotsUrl = new URL('/robots.txt', origin).href;
  try {
    const page = await fetcher.fetchPage(robotsUrl, signal ? { signal } : {});
    // Rules apply to the origin asked about, even when robots.txt redirected elsewhere (RFC 9309 2.3.1.2).
    return parseRobots(robotsUrl, page.text);
  } catch (error) {
    if (signal?.aborted) throw error;
    const status = error instanceof CrawlError ? error.status : null;
    const message = error instanceof Error ? error.message : String(error);
    if (status !== null && status >= 400 && status < 500 && status !== 429) {
      return blanketRules('allow-all', `${robotsUrl} answered ${status}: no rules, everything allowed`);
    }
    return blanketRules('disallow-all', `${robotsUrl} is unreachable, so nothing may be crawled: ${message}`);
  }
}

export interface RobotsCacheOptions {
  /** How long parsed rules and "no robots.txt" answers are kept; RFC 9309 asks for at most 24 hours. */
  maxAgeMillis?: number;
  /** How long an unreachable robots.txt keeps the origin closed before it is asked again. */
  unreachableMaxAgeMillis?: number;
  /** Clock in epoch milliseconds, injectable for tests. */
  now?: () => number;
}

interface CacheEntry {
  rules: Promise<RobotsRules>;
  expiresAt: number;
}

/** robots.txt rules per origin, fetched once per expiry period (concurrent asks share one fetch). */
export class RobotsCache {
  readonly #entries = new Map<string, CacheEntry>();
  readonly #maxAgeMillis: number;
  readonly #unreachableMaxAgeMillis: number;
  readonly #now: () => number;

  constructor(options: RobotsCacheOptions = {}) {
    this.#maxAgeMillis = Math.min(options.maxAgeMillis ?? 24 * 60 * 60 * 1000, 24 * 60 * 60 * 1000);
    this.#unreachableMaxAgeMillis = Math.min(options.unreachableMaxAgeMillis ?? 10 * 60 * 1000, this.#maxAgeMillis);
    this.#now = options.now ?? Date.now;
  }

  /** The rules for the origin of `url` (any URL on the site will do). */
  async get(url: string, fetcher: Fetcher, signal?: AbortSignal): Promise<RobotsRules> {
    const origin = new URL(url).origin;
    const cached = this.#entries.get(origin);
    if (cached && cached.expiresAt > this.#now()) return cached.rules;
    const entry: CacheEntry = { rules: fetchRobots(fetcher, origin, signal), expiresAt: Number.POSITIVE_INFINITY };
    this.#entries.set(origin, entry);
    try {
      const rules = await entry.rules;
      const maxAge = rules.status === 'disallow-all' ? this.#unreachableMaxAgeMillis : this.#maxAgeMillis;
      entry.expiresAt = this.#now() + maxAge;
      return rules;
    } catch (error) {
      this.#entries.delete(origin); // aborted: nothing learned about the site
      throw error;
    }
  }

  /** Drops every cached origin. */
  clear(): void {
    this.#entries.clear();
  }
}
