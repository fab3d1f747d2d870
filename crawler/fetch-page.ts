/**
 * The crawler's only door to the network: polite (User-Agent, per-host and global concurrency, per-host delay,
 * Retry-After), bounded (timeouts, body cap, redirect cap) and runtime-neutral (Web fetch, streams, TextDecoder).
 * Every URL that goes in or comes out is a live URL; the origin map only changes where a request is sent.
 */
import pLimit, { type LimitFunction } from 'p-limit';
import { decodeBody, mimeTypeOf, readStreamCapped } from './decode-body.ts';
import { contentTypeError, NonRetryableFetchError, RetryableFetchError, statusError, ThrottledError } from './errors.ts';
import type { OriginMap } from './sources/types.ts';

export interface FetcherOptions {
  /** Sent on every request, e.g. `ArsipBantenBot/0.1 (+https://github.com/arsip-banten/arsip-banten)`. */
  userAgent: string;
  /** Live origin → where to fetch it (offline copies on 127.0.0.1). */
  originMap?: OriginMap;
  globalConcurrency?: number;
  perHostConcurrency?: number;
  /** Minimum gap between the end of one request to a host and the start of the next. */
  perHostDelayMillis?: number;
  /** Per attempt, headers and body together. */
  timeoutMillis?: number;
  /** Enforced on the decoded body while it streams in, so a gzip bomb is cut off. */
  maxBodyBytes?: number;
  /** Extra attempts after a network error, timeout or 5xx, with exponential backoff and jitter. */
  retries?: number;
  retryBaseDelayMillis?: number;
  maxRedirects?: number;
  /** A 429/503 asking for a longer wait than this fails at once with ThrottledError. */
  maxRetryAfterMillis?: number;
  /** How many times one request may wait for 429/503 before ThrottledError; these waits spend no retries. */
  maxThrottleWaits?: number;
  fetchImpl?: typeof fetch;
  signal?: AbortSignal;
}

export interface FetchedPage {
  /** Final live URL after redirects (origin map undone). */
  url: string;
  /** The live URL asked for. */
  requestedUrl: string;
  /** 2xx, or 304 when the conditional request found the page unchanged. */
  status: number;
  headers: Headers;
  /** Mime type without parameters, lowercased; `''` when the server sent none. */
  contentType: string;
  bytes: Uint8Array;
  /** Body decoded with the charset of the header, BOM, or <meta>/<?xml?> declaration (UTF-8 otherwise). */
  text: string;
  notModified: boolean;
  etag: string | null;
  lastModified: string | null;
  fetchedAt: Date;
}

export interface FetchPageOptions {
  /** Allowed mime types (`text/html`, `application/*`); anything else is a NonRetryableFetchError. */
  accept?: string[];
  etag?: string | null;
  lastModified?: string | null;
  signal?: AbortSignal;
  /** Overrides the fetcher's cap for this request (sitemaps may be up to 50 MB). */
  maxBodyBytes?: number;
}

export interface Fetcher {
  fetchPage(url: string, options?: FetchPageOptions): Promise<FetchedPage>;
}

/** A Fetcher that can also slow down for one host, e.g. to honour a robots.txt Crawl-delay. */
export interface PoliteFetcher extends Fetcher {
  setHostDelayMillis(url: string, delayMillis: number): void;
}

interface HostState {
  limit: LimitFunction;
  delayMillis: number;
  nextStartAt: number;
}

/** What every hop of one fetchPage call sends and enforces. */
interface HopRequest {
  headers: Headers;
  accept: string[] | undefined;
  maxBodyBytes: number;
  signal: AbortSignal;
}

type Hop = { kind: 'redirect'; location: string | null; status: number } | { kind: 'page'; page: FetchedPage };

export function createFetcher(options: FetcherOptions): PoliteFetcher {
  const config = {
    globalConcurrency: positiveInteger('globalConcurrency', options.globalConcurrency ?? 8),
    perHostConcurrency: positiveInteger('perHostConcurrency', options.perHostConcurrency ?? 1),
    perHostDelayMillis: nonNegative('perHostDelayMillis', options.perHostDelayMillis ?? 0),
    timeoutMillis: positiveInteger('timeoutMillis', options.timeoutMillis ?? 15_000),
    maxBodyBytes: positiveInteger('maxBodyBytes', options.maxBodyBytes ?? 5 * 1024 * 1024),
    retries: nonNegative('retries', options.retries ?? 2),
    retryBaseDelayMillis: nonNegative('retryBaseDelayMillis', options.retryBaseDelayMillis ?? 500),
    maxRedirects: nonNegative('maxRedirects', options.maxRedirects ?? 5),
    maxRetryAfterMillis: nonNegative('maxRetryAfterMillis', options.maxRetryAfterMillis ?? 60_000),
    maxThrottleWaits: nonNegative('maxThrottleWaits', options.maxThrottleWaits ?? 3),
  };
  const fetchImpl = options.fetchImpl ?? globalThis.fetch.bind(globalThis);
  const origins = createOriginMapper(options.originMap ?? {});
  const globalLimit = pLimit(config.globalConcurrency);
  const hosts = new Map<string, HostState>();

  const hostState = (url: URL): HostState => {
    let state = hosts.get(url.host);
    if (!state) {
      state = { limit: pLimit(config.perHostConcurrency), delayMillis: config.perHostDelayMillis, nextStartAt: 0 };
      hosts.set(url.host, state);
    }
    return state;
  };
  const pauseHost = (url: URL, millis: number) => {
    const host = hostState(url);
    host.nextStartAt = Math.max(host.nextStartAt, Date.now() + millis);
  };
  const backoffMillis = (attempt: number) => config.retryBaseDelayMillis * 2 ** attempt * (0.5 + Math.random() / 2);

  // The host slot is taken before a global one, so requests queued for a slow host never sit on global slots.
  const inHostSlot = <T>(url: URL, signal: AbortSignal, task: () => Promise<T>): Promise<T> => {
    const host = hostState(url);
    return host.limit(async () => {
      for (let wait = host.nextStartAt - Date.now(); wait > 0; wait = host.nextStartAt - Date.now()) await sleep(wait, signal);
      signal.throwIfAborted();
      host.nextStartAt = Date.now() + host.delayMillis; // spaces out siblings when perHostConcurrency > 1
      try {
        return await globalLimit(task);
      } catch (error) {
        // Pause the host before the slot is released, or the next queued request would go out at once.
        if (error instanceof ThrottledError) {
          pauseHost(url, Math.min(error.retryAfterMillis ?? config.retryBaseDelayMillis, config.maxRetryAfterMillis));
        }
        throw error;
      } finally {
        pauseHost(url, host.delayMillis);
      }
    });
  };

  async function attempt(live: URL, request: HopRequest): Promise<Hop> {
    const url = live.href;
    const link = linkedController([request.signal]);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      link.controller.abort();
    }, config.timeoutMillis);
    const failure = (error: unknown, stage: string): unknown => {
      if (request.signal.aborted) return request.signal.reason;
      if (timedOut) {
        const message = `Expected ${url} to answer within ${config.timeoutMillis} ms, received no complete ${stage} in time`;
        return new RetryableFetchError(message, { url, cause: error });
      }
      if (error instanceof NonRetryableFetchError) return error;
      return new RetryableFetchError(`Expected ${stage} from ${url}, received a network error: ${describe(error)}`, { url, cause: error });
    };
    try {
      const init: RequestInit = { headers: request.headers, redirect: 'manual', signal: link.controller.signal };
      const response = await fetchImpl(origins.toFetch(live), init).catch((error: unknown) => {
        throw failure(error, 'response headers');
      });
      const { status, headers } = response;
      const isRedirect = status >= 300 && status < 400 && status !== 304;
      const contentType = mimeTypeOf(headers.get('content-type'));
      const error = isRedirect
        ? null
        : (statusError(status, headers.get('retry-after'), url) ?? contentTypeError(request.accept, contentType, status, url));
      if (isRedirect || error) {
        await response.body?.cancel().catch(() => {});
        if (error) throw error;
        return { kind: 'redirect', location: headers.get('location'), status };
      }
      const bytes = status === 304
        ? new Uint8Array(0)
        : await readCapped(response, request.maxBodyBytes, url).catch((error: unknown) => {
            throw failure(error, 'body');
          });
      const page: FetchedPage = {
        url, requestedUrl: url, status, headers, contentType, bytes,
        text: status === 304 ? '' : decodeBody(bytes, headers.get('content-type')).text,
        notModified: status === 304,
        etag: headers.get('etag'),
        lastModified: headers.get('last-modified'),
        fetchedAt: new Date(),
      };
      return { kind: 'page', page };
    } finally {
      clearTimeout(timer);
      link.release();
    }
  }

  async function fetchHop(live: URL, request: HopRequest): Promise<Hop> {
    let retriesLeft = config.retries;
    let throttleWaits = 0;
    for (let attemptIndex = 0; ; attemptIndex++) {
      try {
        return await inHostSlot(live, request.signal, () => attempt(live, request));
      } catch (error) {
        if (error instanceof ThrottledError) {
          const waitMillis = error.retryAfterMillis ?? backoffMillis(throttleWaits);
          if (throttleWaits >= config.maxThrottleWaits || waitMillis > config.maxRetryAfterMillis) throw error;
          throttleWaits++;
          pauseHost(live, waitMillis); // the next attempt waits in inHostSlot like every other request to the host
          continue;
        }
        if (!(error instanceof RetryableFetchError) || retriesLeft === 0) throw error;
        retriesLeft--;
        await sleep(backoffMillis(attemptIndex), request.signal);
      }
    }
  }

  async function fetchPage(url: string, callOptions: FetchPageOptions = {}): Promise<FetchedPage> {
    const requested = parseHttpUrl(url, url);
    const headers = new Headers({ 'User-Agent': options.userAgent, Accept: acceptHeader(callOptions.accept) });
    if (callOptions.etag) headers.set('If-None-Match', callOptions.etag);
    if (callOptions.lastModified) headers.set('If-Modified-Since', callOptions.lastModified);
    const link = linkedController([options.signal, callOptions.signal]);
    const maxBodyBytes = callOptions.maxBodyBytes ?? config.maxBodyBytes;
    const request: HopRequest = { headers, accept: callOptions.accept, maxBodyBytes, signal: link.controller.signal };
    const visited = new Set([requested.href]);
    try {
      for (let current = requested; ; ) {
        const hop = await fetchHop(current, request);
        if (hop.kind === 'page') return { ...hop.page, requestedUrl: requested.href };
        const from = current.href;
        if (!hop.location) {
          const message = `Expected a Location header with the ${hop.status} from ${from}, received none`;
          throw new NonRetryableFetchError(message, { url: from, status: hop.status, reason: 'status' });
        }
        // Relative Locations resolve against the live URL; absolute ones into a mapped target are mapped back.
        current = parseHttpUrl(origins.toLive(new URL(hop.location, current).href), from);
        const failure = { url: requested.href, status: hop.status };
        if (visited.has(current.href)) {
          const message = `Expected redirects from ${requested.href} to end, received a loop back to ${current.href}`;
          throw new NonRetryableFetchError(message, { ...failure, reason: 'redirect-loop' });
        }
        if (visited.size > config.maxRedirects) {
          const message = `Expected at most ${config.maxRedirects} redirects from ${requested.href}, received more (to ${current.href})`;
          throw new NonRetryableFetchError(message, { ...failure, reason: 'too-many-redirects' });
        }
        visited.add(current.href);
      }
    } finally {
      link.release();
    }
  }

  return {
    fetchPage,
    setHostDelayMillis(url, delayMillis) {
      hostState(new URL(url)).delayMillis = Math.max(config.perHostDelayMillis, nonNegative('delayMillis', delayMillis));
    },
  };
}

async function readCapped(response: Response, maxBodyBytes: number, url: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (!response.headers.has('content-encoding') && declared > maxBodyBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge(url, response.status, maxBodyBytes, `Content-Length ${declared}`);
  }
  const bytes = response.body ? await readStreamCapped(response.body, maxBodyBytes) : new Uint8Array(0);
  if (!bytes) throw tooLarge(url, response.status, maxBodyBytes, `more than ${maxBodyBytes} bytes while streaming`);
  return bytes;
}

const tooLarge = (url: string, status: number, max: number, received: string) =>
  new NonRetryableFetchError(`Expected a body of at most ${max} bytes from ${url}, received ${received}`, {
    url,
    status,
    reason: 'body-too-large',
  });

/** Rewrites live origins to where they are fetched and back; URLs outside the map pass unchanged. */
function createOriginMapper(map: OriginMap) {
  const entries = Object.entries(map).map(([live, target]) => [new URL(live).origin, target.replace(/\/+$/, '')] as const);
  return {
    toFetch(live: URL): string {
      const target = entries.find(([origin]) => origin === live.origin)?.[1];
      return target === undefined ? live.href : target + live.pathname + live.search;
    },
    toLive(fetched: string): string {
      for (const [origin, target] of entries) {
        const rest = fetched.slice(target.length);
        const atBoundary = rest === '' || rest.startsWith('/') || rest.startsWith('?');
        if (fetched.startsWith(target) && atBoundary) return origin + (rest || '/');
      }
      return fetched;
    },
  };
}

function acceptHeader(accept: string[] | undefined): string {
  return accept?.length ? `${accept.join(', ')}, */*;q=0.1` : 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
}

function parseHttpUrl(url: string, context: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    const message = `Expected an absolute URL, received ${JSON.stringify(url)}`;
    throw new NonRetryableFetchError(message, { url: context, reason: 'invalid-url', cause: error });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new NonRetryableFetchError(`Expected an http(s) URL, received ${url}`, { url: context, reason: 'invalid-url' });
  }
  parsed.hash = '';
  return parsed;
}

/**
 * A controller that aborts when any of `signals` does. `release` unhooks it again: AbortSignal.any would leave one
 * listener per request on a long-lived crawl signal (nodejs/node#55351).
 */
function linkedController(signals: (AbortSignal | undefined)[]): { controller: AbortController; release: () => void } {
  const controller = new AbortController();
  const unhooks: (() => void)[] = [];
  for (const signal of signals) {
    if (!signal) continue;
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    const onAbort = () => controller.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    unhooks.push(() => signal.removeEventListener('abort', onAbort));
  }
  return { controller, release: () => unhooks.forEach((unhook) => unhook()) };
}

/** `fetch failed (connect ECONNREFUSED 127.0.0.1:9)`: undici hides the useful part in `cause`. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}

function sleep(millis: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, millis);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function positiveInteger(name: string, value: number): number {
  if (Number.isInteger(value) && value >= 1) return value;
  throw new TypeError(`Expected \`${name}\` to be an integer from 1 and up, received ${value}`);
}

function nonNegative(name: string, value: number): number {
  if (Number.isFinite(value) && value >= 0) return value;
  throw new TypeError(`Expected \`${name}\` to be a number from 0 and up, received ${value}`);
}
