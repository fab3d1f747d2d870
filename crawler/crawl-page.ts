/**
 * One article URL, crawled by the rules every runtime shares: conditional GET, unchanged text, archive before
 * index, extraction, duplicates by canonical id and by content hash, SimHash near-duplicates, 404/410 = gone.
 * `run.ts` (the Node crawl) and `queue/crawl-pages.ts` (a Worker's page job) both call {@link crawlPage}; they
 * differ only in how they apply its outcome: when state is written, how documents are batched for the index,
 * and when the crawl stops. Runtime-neutral.
 *
 * The step writes nothing to the state or the index itself: the caller records the outcome, and a document's
 * new validators reach the state only after the document is in the index (see {@link indexPages}).
 */
import { sha256Hex, type ArticleDocument } from '../src/article.ts';
import type { ArchiveStore, WarcLocation } from './archive/archive-store.ts';
import { CrawlError } from './errors.ts';
import { extractArticle } from './extract/index.ts';
import type { FetchedPage, Fetcher } from './fetch-page.ts';
import type { SourceReport } from './run.ts';
import type { SourceDefinition } from './sources/types.ts';
import { newUrlRecord, type CrawlState, type UrlRecord } from './state/crawl-state.ts';
import { NearDuplicateFinder, simhash } from './state/simhash.ts';

export interface CrawlPageContext {
  source: SourceDefinition;
  fetcher: Fetcher;
  /** Asked for content-hash twins, and for the URL's record unless `recordOf` answers. */
  state: CrawlState;
  /** The URL's record from earlier runs (a Worker reads a whole job's records in one query). Default `state.getUrl`. */
  recordOf?: (url: string) => Promise<UrlRecord | null>;
  /** Where the raw response is kept; none = not archived. */
  archive?: ArchiveStore;
  userAgent: string;
  /** Counts every outcome but `gone` and `stopped`, whose handling is the caller's. */
  report: SourceReport;
  /** Ids of documents indexed or confirmed unchanged by this crawl: a second URL with one of them is skipped. */
  seenIds: Set<string>;
  /** Content hash → URL of the pages extracted by this crawl, before any of them reaches the state. */
  hashes: Map<string, string>;
  /** Every known fingerprint (syndication crosses outlets); the caller decides when it is loaded. */
  nearDuplicates: () => Promise<NearDuplicateFinder>;
  signal?: AbortSignal;
  /** Fetch failures that end the crawl rather than fail the page (a Worker's exhausted budget). */
  stopsOn?: (error: unknown) => boolean;
  now: () => Date;
}

/** A new or changed article, waiting for the index; `next` is recorded once it is in, `previous` if it fails. */
export interface IndexablePage {
  outcome: 'new' | 'updated';
  url: string;
  document: ArticleDocument;
  previous: UrlRecord;
  next: UrlRecord;
}

/** The outlet removed a page we had indexed (404/410); flagging the document is the caller's. */
export interface GonePage {
  outcome: 'gone';
  url: string;
  /** The URL's record as of this crawl (last seen now). */
  seen: UrlRecord;
  goneSince: number;
  message: string;
}

export type CrawledPage =
  | IndexablePage
  | GonePage
  | { outcome: 'unchanged'; url: string; record: UrlRecord }
  | { outcome: 'skipped'; url: string; record: UrlRecord; reason: string }
  | { outcome: 'failed'; url: string; record: UrlRecord; error: string }
  /** Aborted, or stopped by `stopsOn`: nothing to record, the page is crawled another time. */
  | { outcome: 'stopped'; url: string };

const ACCEPT = ['text/html', 'application/xhtml+xml'];

export async function crawlPage(url: string, ctx: CrawlPageContext): Promise<CrawledPage> {
  if (ctx.signal?.aborted) return { outcome: 'stopped', url };
  const { report } = ctx;
  const nowSeconds = () => Math.floor(ctx.now().getTime() / 1000);
  const known = ctx.recordOf ? await ctx.recordOf(url) : await ctx.state.getUrl(url);
  const previous = known ?? newUrlRecord(url, ctx.source.id, nowSeconds());
  const seen: UrlRecord = { ...previous, lastSeenAt: nowSeconds() };
  let page: FetchedPage;
  try {
    page = await ctx.fetcher.fetchPage(url, {
      accept: ACCEPT,
      // A page that was never indexed has nothing to compare with: fetch it whole.
      ...(previous.status === 'indexed' || previous.status === 'skipped' ? { etag: previous.etag, lastModified: previous.lastModified } : {}),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
  } catch (error) {
    if (ctx.signal?.aborted || ctx.stopsOn?.(error)) return { outcome: 'stopped', url };
    const status = error instanceof CrawlError ? error.status : null;
    const message = errorMessage(error);
    if ((status === 404 || status === 410) && seen.documentId) {
      return { outcome: 'gone', url, seen, goneSince: seen.goneSince ?? nowSeconds(), message };
    }
    return failed(report, seen, message);
  }
  report.fetched += 1;
  const fetchedAt = nowSeconds();
  const validators = { etag: page.etag ?? previous.etag, lastModified: page.lastModified ?? previous.lastModified };
  if (page.notModified) {
    report.notModified += 1;
    return unchanged(ctx, { ...seen, ...validators, lastFetchedAt: fetchedAt, failures: 0, lastError: null });
  }
  const contentHash = await sha256Hex(page.text);
  if (contentHash === previous.contentHash && previous.status !== 'gone' && previous.status !== 'failed') {
    return unchanged(ctx, { ...seen, ...validators, lastFetchedAt: fetchedAt, failures: 0, lastError: null });
  }

  let warc: WarcLocation | undefined;
  if (ctx.archive) {
    try {
      warc = await ctx.archive.append({
        url: page.url,
        requestHeaders: new Headers({ 'user-agent': ctx.userAgent, accept: ACCEPT.join(', ') }),
        status: page.status,
        responseHeaders: page.headers,
        body: page.bytes,
        fetchedAt: page.fetchedAt,
      });
    } catch (error) {
      // Indexing a page we could not archive would break reindex and /archived: try again next run.
      return failed(report, seen, errorMessage(new Error(`Expected to archive ${page.url}, received ${errorMessage(error)}`, { cause: error })));
    }
  }

  const fetchedRecord: UrlRecord = { ...seen, ...validators, contentHash, lastFetchedAt: fetchedAt, failures: 0, lastError: null };
  const result = await extractArticle({ html: page.text, url: page.url, source: ctx.source, fetchedAt: page.fetchedAt });
  if (!result.ok) {
    return skipped(report, url, result.reason, { ...fetchedRecord, status: previous.documentId ? previous.status : 'skipped' });
  }
  const article = result.article;
  if (ctx.seenIds.has(article.id)) {
    return skipped(report, url, `same canonical URL as another page: ${article.url}`, { ...fetchedRecord, status: 'skipped', contentHash: null });
  }
  const twin = await ctx.state.findIndexedByContentHash(contentHash, url);
  const twinUrl = twin && twin.documentId !== article.id ? twin.url : ctx.hashes.get(contentHash);
  if (twinUrl !== undefined && twinUrl !== url) {
    return skipped(report, url, `same page text as ${twinUrl}`, { ...fetchedRecord, status: 'skipped' });
  }
  ctx.hashes.set(contentHash, url);
  ctx.seenIds.add(article.id);

  const fingerprint = simhash(article.body);
  const nearDuplicates = await ctx.nearDuplicates();
  const document: ArticleDocument = {
    ...article,
    ...(warc ? { warc } : {}),
    goneAt: null,
    nearDuplicateOf: nearDuplicates.find(fingerprint, article.id),
  };
  nearDuplicates.add(article.id, fingerprint);
  if (document.nearDuplicateOf) report.nearDuplicates += 1;
  const outcome = previous.documentId === null ? 'new' : 'updated';
  report.extracted += 1;
  report[outcome] += 1;
  return {
    outcome,
    url,
    document,
    previous: seen,
    next: { ...fetchedRecord, status: 'indexed', simhash: fingerprint, documentId: article.id, goneSince: null },
  };
}

/** The fingerprints of every document the state knows, for {@link CrawlPageContext.nearDuplicates}. */
export async function loadNearDuplicates(state: CrawlState): Promise<NearDuplicateFinder> {
  const finder = new NearDuplicateFinder();
  for (const record of await state.listDocuments()) {
    if (record.simhash && record.documentId) finder.add(record.documentId, record.simhash);
  }
  return finder;
}

/**
 * Writes a batch of documents with `write` (which returns the ids the index refused) and says what to record:
 * indexed pages take their new validators and hash; refused ones keep their previous ones, so the next crawl
 * fetches them in full again. A `write` that throws fails the whole batch, unless `rethrows` says to let it out.
 */
export async function indexPages(
  batch: readonly IndexablePage[],
  write: (documents: ArticleDocument[]) => Promise<ReadonlyArray<{ id: string; error: string }>>,
  report: SourceReport,
  rethrows: (error: unknown) => boolean = () => false,
): Promise<{ records: UrlRecord[]; indexed: number; failed: number }> {
  let failed: ReadonlyArray<{ id: string; error: string }>;
  try {
    failed = await write(batch.map((page) => page.document));
  } catch (error) {
    if (rethrows(error)) throw error;
    const message = errorMessage(error);
    failed = batch.map((page) => ({ id: page.document.id, error: message }));
  }
  const failedIds = new Map(failed.map((f) => [f.id, f.error]));
  report.indexFailed.push(...failed);
  const records: UrlRecord[] = [];
  let indexed = 0;
  for (const page of batch) {
    const error = failedIds.get(page.document.id);
    if (error === undefined) {
      indexed += 1;
      records.push(page.next);
    } else {
      records.push({ ...page.previous, failures: page.previous.failures + 1, lastError: `indexing: ${error}` });
    }
  }
  report.indexed += indexed;
  return { records, indexed, failed: failed.length };
}

/** The record of a page that could not be crawled: one more failure, and `failed` unless it has a document. */
export function failedRecord(seen: UrlRecord, message: string): UrlRecord {
  return { ...seen, status: seen.documentId ? seen.status : 'failed', failures: seen.failures + 1, lastError: message };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function failed(report: SourceReport, seen: UrlRecord, message: string): CrawledPage {
  report.failed.push({ url: seen.url, error: message });
  return { outcome: 'failed', url: seen.url, record: failedRecord(seen, message), error: message };
}

function unchanged(ctx: CrawlPageContext, record: UrlRecord): CrawledPage {
  ctx.report.unchanged += 1;
  if (record.documentId) ctx.seenIds.add(record.documentId);
  return { outcome: 'unchanged', url: record.url, record };
}

function skipped(report: SourceReport, url: string, reason: string, record: UrlRecord): CrawledPage {
  report.skipped.push({ url, reason });
  return { outcome: 'skipped', url, record, reason };
}
