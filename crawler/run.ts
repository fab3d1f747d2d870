/**
 * One crawl: for each source, discover article URLs, fetch them politely and conditionally, archive the raw
 * responses, extract, and write the documents to the index in batches. Runtime-neutral: the caller hands in the
 * fetcher, robots cache, sink, state and archive, so the same function runs from the Node CLI and a Worker.
 *
 * Crash safety: a URL's validators and content hash reach the state only after its document is in the index.
 * A crawl killed at any point therefore leaves every page either recorded as indexed (and really indexed) or
 * unrecorded, to be fetched in full by the next run; ids derive from canonical URLs, so nothing duplicates.
 */
import { sha256Hex, type ArticleDocument } from '../src/article.ts';
import type { ArchiveStore } from './archive/archive-store.ts';
import { discoverArticleUrls } from './discover/index.ts';
import type { RobotsCache } from './discover/robots.ts';
import { CrawlError } from './errors.ts';
import { extractArticle } from './extract/index.ts';
import type { FetchedPage, Fetcher } from './fetch-page.ts';
import type { SourceDefinition } from './sources/types.ts';
import { newUrlRecord, type CrawlState, type UrlRecord } from './state/crawl-state.ts';
import { MemoryCrawlState } from './state/memory-state.ts';
import { NearDuplicateFinder, simhash } from './state/simhash.ts';

/** Where extracted articles go: Meilisearch in production (index-config/documents.ts). */
export interface ArticleSink {
  write(documents: ArticleDocument[]): Promise<{ failed: Array<{ id: string; error: string }> }>;
  /** Flags documents whose page the outlet removed; they stay in the index. Throws when the index is unreachable. */
  markGone(ids: string[], goneAtSeconds: number): Promise<void>;
}

export interface SourceReport {
  source: string;
  /** Article URLs found by discovery (after `maxArticlesPerSource`). */
  discovered: number;
  /** Requests for article pages that got an answer we could use (2xx or 304). */
  fetched: number;
  /** 304 Not Modified, or a 200 whose text is the same as last time: nothing to do. */
  unchanged: number;
  /** Of `unchanged`, how many the server answered with 304. */
  notModified: number;
  /** Articles indexed for the first time. */
  new: number;
  /** Articles whose page changed since the last crawl and were indexed again. */
  updated: number;
  extracted: number;
  indexed: number;
  /** Articles the outlet removed (404/410) in this run; they stay in the index flagged with `goneAt`. */
  gone: number;
  /** New or updated articles whose text is nearly that of an earlier one (`nearDuplicateOf`). */
  nearDuplicates: number;
  disallowed: number;
  /** Pages that were fetched but are not articles (or duplicates of another URL), with the reason. */
  skipped: Array<{ url: string; reason: string }>;
  /** Pages that could not be fetched, with the error. */
  failed: Array<{ url: string; error: string }>;
  discoveryErrors: Array<{ url: string; error: string }>;
  indexFailed: Array<{ id: string; error: string }>;
  durationMillis: number;
}

export interface CrawlReport {
  startedAt: string;
  finishedAt: string;
  sources: SourceReport[];
}

export type PageOutcome = 'new' | 'updated' | 'unchanged' | 'skipped' | 'failed' | 'gone';

export type CrawlEvent =
  | { type: 'source-start'; source: string }
  | { type: 'discovered'; source: string; count: number }
  | { type: 'page'; source: string; url: string; outcome: PageOutcome; detail?: string }
  | { type: 'indexed'; source: string; count: number; failed: number }
  | { type: 'source-end'; source: string; report: SourceReport };

export interface RunCrawlOptions {
  sources: readonly SourceDefinition[];
  fetcher: Fetcher;
  robots: RobotsCache;
  sink: ArticleSink;
  userAgent: string;
  /** What earlier runs learned (validators, hashes, document ids). Default: a fresh in-memory state. */
  state?: CrawlState;
  /** Where raw responses are kept as WARC records; none = not archived. */
  archive?: ArchiveStore;
  /** Only articles discovered as published on or after this day (listings and sitemaps that say so). */
  since?: Date;
  /** Cap per source per run: keeps a first crawl of a big archive bounded. */
  maxArticlesPerSource?: number;
  maxListingPages?: number;
  /** Documents per index write; Meilisearch prefers fewer, larger batches. */
  batchSize?: number;
  /** Sources crawled side by side (each is its own host). Default 4. */
  sourceConcurrency?: number;
  signal?: AbortSignal;
  onEvent?: (event: CrawlEvent) => void;
  now?: () => Date;
}

export async function runCrawl(options: RunCrawlOptions): Promise<CrawlReport> {
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const state = options.state ?? new MemoryCrawlState();
  // Loaded once per run and shared by all sources: syndication crosses outlets.
  const nearDuplicates = new NearDuplicateFinder();
  for (const record of await state.listDocuments()) {
    if (record.simhash && record.documentId) nearDuplicates.add(record.documentId, record.simhash);
  }
  // Outlets are different hosts, so crawling them side by side costs none of them politeness; the fetcher's
  // per-host and global limits still bound the requests.
  const sourceConcurrency = options.sourceConcurrency ?? 4;
  if (!Number.isInteger(sourceConcurrency) || sourceConcurrency < 1) {
    throw new RangeError(`Expected \`sourceConcurrency\` to be an integer from 1 and up, received ${String(options.sourceConcurrency)}`);
  }
  // Page texts claimed in this run, before any reaches the state (that happens only once indexed).
  const hashes = new Map<string, string>();
  const finishing: Array<Promise<SourceReport>> = new Array(options.sources.length);
  let next = 0;
  const worker = async () => {
    while (next < options.sources.length) {
      const position = next++;
      options.signal?.throwIfAborted();
      const crawl = new SourceCrawl(options.sources[position]!, options, { state, nearDuplicates, hashes }, now);
      await crawl.fetchAll();
      // The next source starts fetching while this one's last batch is being indexed.
      finishing[position] = crawl.finish();
    }
  };
  await Promise.all(Array.from({ length: Math.min(sourceConcurrency, options.sources.length) }, worker));
  const reports = await Promise.all(finishing);
  return { startedAt: startedAt.toISOString(), finishedAt: now().toISOString(), sources: reports };
}

export function emptySourceReport(source: string): SourceReport {
  return {
    source,
    discovered: 0,
    fetched: 0,
    unchanged: 0,
    notModified: 0,
    new: 0,
    updated: 0,
    extracted: 0,
    indexed: 0,
    gone: 0,
    nearDuplicates: 0,
    disallowed: 0,
    skipped: [],
    failed: [],
    discoveryErrors: [],
    indexFailed: [],
    durationMillis: 0,
  };
}

/** A document waiting for its index batch, with the state to record once it is in. */
interface PendingDocument {
  document: ArticleDocument;
  previous: UrlRecord;
  next: UrlRecord;
}

/** What the sources of one run share: dedup crosses outlets. */
interface SharedRunState {
  state: CrawlState;
  nearDuplicates: NearDuplicateFinder;
  /** Content hash → URL, for pages extracted in this run. */
  hashes: Map<string, string>;
}

class SourceCrawl {
  readonly report: SourceReport;
  readonly #seenIds = new Set<string>();
  #pending: PendingDocument[] = [];
  #writes: Promise<void> = Promise.resolve();
  readonly #emit: (event: CrawlEvent) => void;
  readonly #source: SourceDefinition;
  readonly #options: RunCrawlOptions;
  readonly #state: CrawlState;
  readonly #nearDuplicates: NearDuplicateFinder;
  readonly #hashes: Map<string, string>;
  readonly #now: () => Date;

  constructor(source: SourceDefinition, options: RunCrawlOptions, shared: SharedRunState, now: () => Date) {
    this.#source = source;
    this.#options = options;
    this.#state = shared.state;
    this.#nearDuplicates = shared.nearDuplicates;
    this.#hashes = shared.hashes;
    this.#now = now;
    this.#emit = options.onEvent ?? (() => {});
    this.report = emptySourceReport(source.id);
  }

  readonly #began = Date.now();

  /** Discovers and fetches every page; documents are queued for the index, the last batch not yet written. */
  async fetchAll(): Promise<void> {
    const { report } = this;
    this.#emit({ type: 'source-start', source: this.#source.id });
    const discovery = await discoverArticleUrls(this.#source, this.#options.fetcher, {
      userAgent: this.#options.userAgent,
      robots: this.#options.robots,
      ...(this.#options.signal ? { signal: this.#options.signal } : {}),
      ...(this.#options.since ? { since: this.#options.since } : {}),
      ...(this.#options.maxListingPages !== undefined ? { maxListingPages: this.#options.maxListingPages } : {}),
    });
    report.discoveryErrors = discovery.errors.map((e) => ({ url: e.url, error: e.message }));
    report.disallowed = discovery.disallowed.length;
    const urls = discovery.urls.slice(0, this.#options.maxArticlesPerSource ?? Number.POSITIVE_INFINITY);
    report.discovered = urls.length;
    this.#emit({ type: 'discovered', source: this.#source.id, count: urls.length });

    // The fetcher enforces global and per-host limits, so all pages can be queued at once.
    await Promise.all(urls.map(({ url }) => this.#crawlUrl(url)));
  }

  /** Writes the last batch and waits for every write; the report is complete afterwards. */
  async finish(): Promise<SourceReport> {
    this.#flush();
    await this.#writes;
    this.report.durationMillis = Date.now() - this.#began;
    this.#emit({ type: 'source-end', source: this.#source.id, report: this.report });
    return this.report;
  }

  async #crawlUrl(url: string): Promise<void> {
    if (this.#options.signal?.aborted) return;
    const nowSeconds = this.#nowSeconds();
    const previous = (await this.#state.getUrl(url)) ?? newUrlRecord(url, this.#source.id, nowSeconds);
    const seen: UrlRecord = { ...previous, lastSeenAt: nowSeconds };
    let page: FetchedPage;
    try {
      page = await this.#options.fetcher.fetchPage(url, {
        accept: ['text/html', 'application/xhtml+xml'],
        // A page that was never indexed has nothing to compare with: fetch it whole.
        ...(previous.status === 'indexed' || previous.status === 'skipped' ? { etag: previous.etag, lastModified: previous.lastModified } : {}),
        ...(this.#options.signal ? { signal: this.#options.signal } : {}),
      });
    } catch (error) {
      if (this.#options.signal?.aborted) return;
      await this.#fetchFailed(seen, error);
      return;
    }
    this.report.fetched += 1;
    const fetchedAt = this.#nowSeconds();
    const validators = { etag: page.etag ?? previous.etag, lastModified: page.lastModified ?? previous.lastModified };
    if (page.notModified) {
      this.report.notModified += 1;
      await this.#unchanged(url, { ...seen, ...validators, lastFetchedAt: fetchedAt, failures: 0, lastError: null });
      return;
    }
    const contentHash = await sha256Hex(page.text);
    if (contentHash === previous.contentHash && previous.status !== 'gone' && previous.status !== 'failed') {
      await this.#unchanged(url, { ...seen, ...validators, lastFetchedAt: fetchedAt, failures: 0, lastError: null });
      return;
    }

    let warc;
    if (this.#options.archive) {
      try {
        warc = await this.#options.archive.append({
          url: page.url,
          requestHeaders: new Headers({ 'user-agent': this.#options.userAgent, accept: 'text/html, application/xhtml+xml' }),
          status: page.status,
          responseHeaders: page.headers,
          body: page.bytes,
          fetchedAt: page.fetchedAt,
        });
      } catch (error) {
        // Indexing a page we could not archive would break reindex and /archived: try again next run.
        await this.#fetchFailed(seen, new Error(`Expected to archive ${page.url}, received ${errorMessage(error)}`, { cause: error }));
        return;
      }
    }

    const fetchedRecord: UrlRecord = { ...seen, ...validators, contentHash, lastFetchedAt: fetchedAt, failures: 0, lastError: null };
    const result = await extractArticle({ html: page.text, url: page.url, source: this.#source, fetchedAt: page.fetchedAt });
    if (!result.ok) {
      await this.#skip(url, result.reason, { ...fetchedRecord, status: previous.documentId ? previous.status : 'skipped' });
      return;
    }
    const article = result.article;
    if (this.#seenIds.has(article.id)) {
      await this.#skip(url, `same canonical URL as another page: ${article.url}`, { ...fetchedRecord, status: 'skipped', contentHash: null });
      return;
    }
    const twin = await this.#state.findIndexedByContentHash(contentHash, url);
    const twinUrl = twin && twin.documentId !== article.id ? twin.url : this.#hashes.get(contentHash);
    if (twinUrl !== undefined && twinUrl !== url) {
      await this.#skip(url, `same page text as ${twinUrl}`, { ...fetchedRecord, status: 'skipped' });
      return;
    }
    this.#hashes.set(contentHash, url);
    this.#seenIds.add(article.id);

    const fingerprint = simhash(article.body);
    const document: ArticleDocument = {
      ...article,
      ...(warc ? { warc } : {}),
      goneAt: null,
      nearDuplicateOf: this.#nearDuplicates.find(fingerprint, article.id),
    };
    this.#nearDuplicates.add(article.id, fingerprint);
    if (document.nearDuplicateOf) this.report.nearDuplicates += 1;
    const isNew = previous.documentId === null;
    this.report.extracted += 1;
    if (isNew) this.report.new += 1;
    else this.report.updated += 1;
    this.#emit({ type: 'page', source: this.#source.id, url, outcome: isNew ? 'new' : 'updated' });
    this.#pending.push({
      document,
      previous: seen,
      next: { ...fetchedRecord, status: 'indexed', simhash: fingerprint, documentId: article.id, goneSince: null },
    });
    if (this.#pending.length >= (this.#options.batchSize ?? 100)) this.#flush();
  }

  async #fetchFailed(seen: UrlRecord, error: unknown): Promise<void> {
    const status = error instanceof CrawlError ? error.status : null;
    const message = errorMessage(error);
    if ((status === 404 || status === 410) && seen.documentId) {
      const goneSince = seen.goneSince ?? this.#nowSeconds();
      try {
        if (seen.goneSince !== null) {
          // Flagged in an earlier run: still gone is no news.
          await this.#unchanged(seen.url, { ...seen, lastError: message });
          return;
        }
        await this.#options.sink.markGone([seen.documentId], goneSince);
        await this.#state.putUrls([{ ...seen, status: 'gone', goneSince, lastError: message }]);
        this.report.gone += 1;
        this.#emit({ type: 'page', source: this.#source.id, url: seen.url, outcome: 'gone', detail: message });
        return;
      } catch (markError) {
        this.report.indexFailed.push({ id: seen.documentId, error: `flagging as gone: ${errorMessage(markError)}` });
      }
    }
    this.report.failed.push({ url: seen.url, error: message });
    await this.#state.putUrls([{ ...seen, status: seen.documentId ? seen.status : 'failed', failures: seen.failures + 1, lastError: message }]);
    this.#emit({ type: 'page', source: this.#source.id, url: seen.url, outcome: 'failed', detail: message });
  }

  async #unchanged(url: string, record: UrlRecord): Promise<void> {
    this.report.unchanged += 1;
    await this.#state.putUrls([record]);
    if (record.documentId) this.#seenIds.add(record.documentId);
    this.#emit({ type: 'page', source: this.#source.id, url, outcome: 'unchanged' });
  }

  async #skip(url: string, reason: string, record: UrlRecord): Promise<void> {
    this.report.skipped.push({ url, reason });
    await this.#state.putUrls([record]);
    this.#emit({ type: 'page', source: this.#source.id, url, outcome: 'skipped', detail: reason });
  }

  #flush(): void {
    if (this.#pending.length === 0) return;
    const batch = this.#pending;
    this.#pending = [];
    // Writes are chained so batches land in order and one failure is reported, not lost.
    this.#writes = this.#writes.then(() => this.#write(batch));
  }

  async #write(batch: PendingDocument[]): Promise<void> {
    let failed: Array<{ id: string; error: string }>;
    try {
      failed = (await this.#options.sink.write(batch.map((item) => item.document))).failed;
    } catch (error) {
      const message = errorMessage(error);
      failed = batch.map((item) => ({ id: item.document.id, error: message }));
    }
    const failedIds = new Map(failed.map((f) => [f.id, f.error]));
    this.report.indexFailed.push(...failed);
    const succeeded = batch.filter((item) => !failedIds.has(item.document.id));
    this.report.indexed += succeeded.length;
    // Failed documents keep their previous validators, so the next run fetches them in full again.
    await this.#state.putUrls([
      ...succeeded.map((item) => item.next),
      ...batch
        .filter((item) => failedIds.has(item.document.id))
        .map((item) => ({ ...item.previous, failures: item.previous.failures + 1, lastError: `indexing: ${failedIds.get(item.document.id)}` })),
    ]);
    this.#emit({ type: 'indexed', source: this.#source.id, count: succeeded.length, failed: failed.length });
  }

  #nowSeconds(): number {
    return Math.floor(this.#now().getTime() / 1000);
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
