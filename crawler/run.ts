/**
 * One crawl: for each source, discover article URLs, crawl each page by the shared rules of `crawl-page.ts`
 * (conditional fetch, archive, extract, dedup), and write the documents to the index in batches. Runtime-neutral:
 * the caller hands in the fetcher, robots cache, sink, state and archive. The Node CLI runs whole crawls with it;
 * a Worker runs the same page step in budgeted jobs (`queue/crawl-pages.ts`).
 *
 * Crash safety: a URL's validators and content hash reach the state only after its document is in the index.
 * A crawl killed at any point therefore leaves every page either recorded as indexed (and really indexed) or
 * unrecorded, to be fetched in full by the next run; ids derive from canonical URLs, so nothing duplicates.
 */
import type { ArticleDocument } from '../src/article.ts';
import type { ArchiveStore } from './archive/archive-store.ts';
import { crawlPage, errorMessage, failedRecord, indexPages, loadNearDuplicates, type CrawlPageContext, type GonePage, type IndexablePage } from './crawl-page.ts';
import { discoverArticleUrls } from './discover/index.ts';
import type { RobotsCache } from './discover/robots.ts';
import type { Fetcher } from './fetch-page.ts';
import type { SourceDefinition } from './sources/types.ts';
import type { CrawlState } from './state/crawl-state.ts';
import { MemoryCrawlState } from './state/memory-state.ts';
import type { NearDuplicateFinder } from './state/simhash.ts';

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
  const nearDuplicates = await loadNearDuplicates(state);
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

/** What the sources of one run share: dedup crosses outlets. */
interface SharedRunState {
  state: CrawlState;
  nearDuplicates: NearDuplicateFinder;
  /** Content hash → URL, for pages extracted in this run. */
  hashes: Map<string, string>;
}

class SourceCrawl {
  readonly report: SourceReport;
  #pending: IndexablePage[] = [];
  #writes: Promise<void> = Promise.resolve();
  readonly #emit: (event: CrawlEvent) => void;
  readonly #source: SourceDefinition;
  readonly #options: RunCrawlOptions;
  readonly #state: CrawlState;
  readonly #page: CrawlPageContext;

  constructor(source: SourceDefinition, options: RunCrawlOptions, shared: SharedRunState, now: () => Date) {
    this.#source = source;
    this.#options = options;
    this.#state = shared.state;
    this.#emit = options.onEvent ?? (() => {});
    this.report = emptySourceReport(source.id);
    this.#page = {
      source,
      fetcher: options.fetcher,
      state: shared.state,
      ...(options.archive ? { archive: options.archive } : {}),
      userAgent: options.userAgent,
      report: this.report,
      seenIds: new Set(),
      hashes: shared.hashes,
      nearDuplicates: async () => shared.nearDuplicates,
      ...(options.signal ? { signal: options.signal } : {}),
      now,
    };
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
    const page = await crawlPage(url, this.#page);
    switch (page.outcome) {
      case 'stopped':
        return;
      case 'gone':
        await this.#gone(page);
        return;
      case 'new':
      case 'updated':
        this.#emit({ type: 'page', source: this.#source.id, url, outcome: page.outcome });
        this.#pending.push(page);
        if (this.#pending.length >= (this.#options.batchSize ?? 100)) this.#flush();
        return;
      default:
        await this.#state.putUrls([page.record]);
        this.#emit({
          type: 'page',
          source: this.#source.id,
          url,
          outcome: page.outcome,
          ...(page.outcome === 'skipped' ? { detail: page.reason } : page.outcome === 'failed' ? { detail: page.error } : {}),
        });
    }
  }

  /** Flags the document at once; one flagged in an earlier run is no news. */
  async #gone({ url, seen, goneSince, message }: GonePage): Promise<void> {
    try {
      if (seen.goneSince !== null) {
        this.report.unchanged += 1;
        await this.#state.putUrls([{ ...seen, lastError: message }]);
        this.#page.seenIds.add(seen.documentId!);
        this.#emit({ type: 'page', source: this.#source.id, url, outcome: 'unchanged' });
        return;
      }
      await this.#options.sink.markGone([seen.documentId!], goneSince);
      await this.#state.putUrls([{ ...seen, status: 'gone', goneSince, lastError: message }]);
      this.report.gone += 1;
      this.#emit({ type: 'page', source: this.#source.id, url, outcome: 'gone', detail: message });
      return;
    } catch (markError) {
      this.report.indexFailed.push({ id: seen.documentId!, error: `flagging as gone: ${errorMessage(markError)}` });
    }
    this.report.failed.push({ url, error: message });
    await this.#state.putUrls([failedRecord(seen, message)]);
    this.#emit({ type: 'page', source: this.#source.id, url, outcome: 'failed', detail: message });
  }

  #flush(): void {
    if (this.#pending.length === 0) return;
    const batch = this.#pending;
    this.#pending = [];
    // Writes are chained so batches land in order and one failure is reported, not lost.
    this.#writes = this.#writes.then(() => this.#write(batch));
  }

  async #write(batch: IndexablePage[]): Promise<void> {
    const { sink } = this.#options;
    const { records, indexed, failed } = await indexPages(batch, async (documents) => (await sink.write(documents)).failed, this.report);
    await this.#state.putUrls(records);
    this.#emit({ type: 'indexed', source: this.#source.id, count: indexed, failed });
  }
}
