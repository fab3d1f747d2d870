/**
 * Crawl failures, named for what the crawler does next: retry soon, back off, give up on the URL, or skip
 * it because robots.txt says so. Every error carries the URL (the live one) and the HTTP status when known.
 */

export interface CrawlErrorOptions {
  url: string;
  status?: number | null;
  cause?: unknown;
}

/** Base class so callers can catch every crawl failure with one `instanceof`. */
export class CrawlError extends Error {
  readonly url: string;
  readonly status: number | null;

  constructor(message: string, options: CrawlErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.url = options.url;
    this.status = options.status ?? null;
  }
}

/** Network error, timeout or 5xx that persisted through the fetcher's own retries: try again in a later run. */
export class RetryableFetchError extends CrawlError {}

/** The server asked us to slow down (429/503) for longer or more often than the fetcher is willing to wait. */
export class ThrottledError extends CrawlError {
  /** How long the server asked us to wait, when it said so. */
  readonly retryAfterMillis: number | null;

  constructor(message: string, options: CrawlErrorOptions & { retryAfterMillis: number | null }) {
    super(message, options);
    this.retryAfterMillis = options.retryAfterMillis;
  }
}

export type NonRetryableReason =
  | 'status'
  | 'content-type'
  | 'body-too-large'
  | 'too-many-redirects'
  | 'redirect-loop'
  | 'invalid-url'
  | 'invalid-content';

/** Fetching this URL again will not help (4xx, wrong content type, too large, redirect trouble): give up on it. */
export class NonRetryableFetchError extends CrawlError {
  readonly reason: NonRetryableReason;

  constructor(message: string, options: CrawlErrorOptions & { reason: NonRetryableReason }) {
    super(message, options);
    this.reason = options.reason;
  }
}

/** robots.txt of the URL's origin forbids our user agent to fetch it: skip it and say so in the report. */
export class DisallowedByRobotsError extends CrawlError {}

// How HTTP outcomes map onto the classes above, in one place so the fetcher and its callers agree.

/** The error a final (non-redirect) status stands for, or null for 2xx and 304. */
export function statusError(status: number, retryAfter: string | null, url: string): CrawlError | null {
  if (status === 429 || (status === 503 && retryAfter !== null)) {
    const retryAfterMillis = parseRetryAfterMillis(retryAfter, Date.now());
    const message = `Expected ${url} to serve the page, received ${status} (Retry-After: ${retryAfter ?? 'none'})`;
    return new ThrottledError(message, { url, status, retryAfterMillis });
  }
  if (status >= 500) return new RetryableFetchError(`Expected a 2xx from ${url}, received ${status}`, { url, status });
  if (status === 304 || (status >= 200 && status < 300)) return null;
  return new NonRetryableFetchError(`Expected a 2xx from ${url}, received ${status}`, { url, status, reason: 'status' });
}

/** The error for a body whose mime type is not among `accept` (patterns like `text/*` allowed), or null. */
export function contentTypeError(accept: string[] | undefined, contentType: string, status: number, url: string): CrawlError | null {
  if (status === 304 || !accept || accept.some((pattern) => mimeMatches(pattern, contentType))) return null;
  const message = `Expected ${accept.join(' or ')} from ${url}, received ${contentType || 'no Content-Type'}`;
  return new NonRetryableFetchError(message, { url, status, reason: 'content-type' });
}

/** Retry-After is either delay-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfterMillis(value: string | null, nowMillis: number): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMillis);
}

function mimeMatches(pattern: string, mime: string): boolean {
  const wanted = pattern.toLowerCase();
  return wanted.endsWith('/*') ? mime.startsWith(wanted.slice(0, -1)) : mime === wanted;
}
