/**
 * "Fetch, archive, extract and index these N URLs of one source": the unit of work of a `pages` job. The same
 * rules as a page in `run.ts` (conditional GET, unchanged text, canonical and content-hash duplicates, SimHash
 * near-duplicates, 404/410 = gone), composed from the same pieces, but sized for one Worker invocation: pages go
 * one at a time (one connection to the outlet), each only while the budget has room for it, and what is left is
 * returned for a continuation job.
 *
 * Crash safety is the Node crawl's: state records (validators, hashes) are written after the documents are in
 * the index, in one D1 batch, so a job killed at any point is simply redone by the queue's retry.
 */
import { sha256Hex, type ArticleDocument } from '../../src/article.ts';
import type { ArchiveStore } from '../archive/archive-store.ts';
import { CrawlError } from '../errors.ts';
import { extractArticle } from '../extract/index.ts';
import type { FetchedPage, Fetcher } from '../fetch-page.ts';
import { emptySourceReport, type SourceReport } from '../run.ts';
import type { SourceDefinition } from '../sources/types.ts';
import { newUrlRecord, type CrawlState, type UrlRecord } from '../state/crawl-state.ts';
import { NearDuplicateFinder, simhash } from '../state/simhash.ts';
import { SubrequestBudgetError, type InvocationBudget } from './budget.ts';
import type { BoundedIndexWriter } from './index-writer.ts';

/** A CrawlState that can read many URLs in one call (the D1 backend can); others are read one by one. */
export interface BatchReadableState extends CrawlState {
  getUrls?(urls: readonly string[]): Promise<Map<string, UrlRecord>>;
}

export interface CrawlPagesOptions {
  source: SourceDefinition;
  urls: readonly string[];
  fetcher: Fetcher;
  state: BatchReadableState;
  archive?: ArchiveStore;
  index: BoundedIndexWriter;
  budget: InvocationBudget;
  userAgent: string;
  /** Subrequests one page may take: fetch, archive write, duplicate lookup, plus a redirect or retry. */
  subrequestsPerPage?: number;
  /** Kept free for what follows the pages: the index write and its polls, state write, ledger, continuation. */
  reservedSubrequests?: number;
  now?: () => Date;
}

export interface CrawlPagesResult {
  report: SourceReport;
  /** URLs not reached within the budget, for a continuation job. */
  remaining: string[];
}

interface Pending {
  document: ArticleDocument;
  previous: UrlRecord;
  next: UrlRecord;
}

export async function crawlPages(options: CrawlPagesOptions): Promise<CrawlPagesResult> {
  const began = Date.now();
  const now = options.now ?? (() => new Date());
  const nowSeconds = () => Math.floor(now().getTime() / 1000);
  const { source, budget } = options;
  const report = emptySourceReport(source.id);
  const perPage = options.subrequestsPerPage ?? 4;
  const reserved = options.reservedSubrequests ?? 16;

  const known = options.state.getUrls ? await options.state.getUrls(options.urls) : null;
  const recordOf = async (url: string) => (known ? (known.get(url) ?? null) : await options.state.getUrl(url));
  // Syndication crosses outlets, so every known fingerprint takes part (one D1 read per job, loaded lazily).
  let nearDuplicates: NearDuplicateFinder | null = null;
  const finder = async () => {
    if (!nearDuplicates) {
      nearDuplicates = new NearDuplicateFinder();
      for (const record of await options.state.listDocuments()) {
        if (record.simhash && record.documentId) nearDuplicates.add(record.documentId, record.simhash);
      }
    }
    return nearDuplicates;
  };

  const writes: UrlRecord[] = [];
  const pending: Pending[] = [];
  const hashes = new Map<string, string>();
  const seenIds = new Set<string>();
  const gone: Array<{ seen: UrlRecord; goneSince: number; message: string }> = [];
  const remaining: string[] = [];

  for (const [position, url] of options.urls.entries()) {
    if (!budget.allows(perPage + reserved)) {
      remaining.push(...options.urls.slice(position));
      break;
    }
    const previous = (await recordOf(url)) ?? newUrlRecord(url, source.id, nowSeconds());
    const seen: UrlRecord = { ...previous, lastSeenAt: nowSeconds() };
    let page: FetchedPage;
    try {
      page = await options.fetcher.fetchPage(url, {
        accept: ['text/html', 'application/xhtml+xml'],
        ...(previous.status === 'indexed' || previous.status === 'skipped' ? { etag: previous.etag, lastModified: previous.lastModified } : {}),
      });
    } catch (error) {
      if (causedByBudget(error)) {
        remaining.push(...options.urls.slice(position));
        break;
      }
      const status = error instanceof CrawlError ? error.status : null;
      const message = errorMessage(error);
      if ((status === 404 || status === 410) && seen.documentId) {
        gone.push({ seen, goneSince: seen.goneSince ?? nowSeconds(), message });
        continue;
      }
      report.failed.push({ url, error: message });
      writes.push({ ...seen, status: seen.documentId ? seen.status : 'failed', failures: seen.failures + 1, lastError: message });
      continue;
    }
    report.fetched += 1;
    const fetchedAt = nowSeconds();
    const validators = { etag: page.etag ?? previous.etag, lastModified: page.lastModified ?? previous.lastModified };
    const unchanged = (record: UrlRecord) => {
      report.unchanged += 1;
      writes.push(record);
      if (record.documentId) seenIds.add(record.documentId);
    };
    if (page.notModified) {
      report.notModified += 1;
      unchanged({ ...seen, ...validators, lastFetchedAt: fetchedAt, failures: 0, lastError: null });
      continue;
    }
    const contentHash = await sha256Hex(page.text);
    if (contentHash === previous.contentHash && previous.status !== 'gone' && previous.status !== 'failed') {
      unchanged({ ...seen, ...validators, lastFetchedAt: fetchedAt, failures: 0, lastError: null });
      continue;
    }

    let warc;
    if (options.archive) {
      try {
        warc = await options.archive.append({
          url: page.url,
          requestHeaders: new Headers({ 'user-agent': options.userAgent, accept: 'text/html, application/xhtml+xml' }),
          status: page.status,
          responseHeaders: page.headers,
          body: page.bytes,
          fetchedAt: page.fetchedAt,
        });
      } catch (error) {
        // Indexing a page we could not archive would break reindex and /archived: try again next run.
        const message = `Expected to archive ${page.url}, received ${errorMessage(error)}`;
        report.failed.push({ url, error: message });
        writes.push({ ...seen, status: seen.documentId ? seen.status : 'failed', failures: seen.failures + 1, lastError: message });
        continue;
      }
    }

    const fetchedRecord: UrlRecord = { ...seen, ...validators, contentHash, lastFetchedAt: fetchedAt, failures: 0, lastError: null };
    const result = await extractArticle({ html: page.text, url: page.url, source, fetchedAt: page.fetchedAt });
    if (!result.ok) {
      report.skipped.push({ url, reason: result.reason });
      writes.push({ ...fetchedRecord, status: previous.documentId ? previous.status : 'skipped' });
      continue;
    }
    const article = result.article;
    if (seenIds.has(article.id)) {
      report.skipped.push({ url, reason: `same canonical URL as another page: ${article.url}` });
      writes.push({ ...fetchedRecord, status: 'skipped', contentHash: null });
      continue;
    }
    const twin = await options.state.findIndexedByContentHash(contentHash, url);
    const twinUrl = twin && twin.documentId !== article.id ? twin.url : hashes.get(contentHash);
    if (twinUrl !== undefined && twinUrl !== url) {
      report.skipped.push({ url, reason: `same page text as ${twinUrl}` });
      writes.push({ ...fetchedRecord, status: 'skipped' });
      continue;
    }
    hashes.set(contentHash, url);
    seenIds.add(article.id);

    const fingerprint = simhash(article.body);
    const near = await finder();
    const document: ArticleDocument = { ...article, ...(warc ? { warc } : {}), goneAt: null, nearDuplicateOf: near.find(fingerprint, article.id) };
    near.add(article.id, fingerprint);
    if (document.nearDuplicateOf) report.nearDuplicates += 1;
    report.extracted += 1;
    if (previous.documentId === null) report.new += 1;
    else report.updated += 1;
    pending.push({ document, previous: seen, next: { ...fetchedRecord, status: 'indexed', simhash: fingerprint, documentId: article.id, goneSince: null } });
  }

  // The index first, then the state: a crash in between only makes the pages be fetched again in full.
  if (pending.length > 0) {
    let failed: Array<{ id: string; error: string }>;
    try {
      failed = await options.index.write(pending.map((item) => item.document));
    } catch (error) {
      if (causedByBudget(error)) throw error; // nothing confirmed: let the queue retry the whole job
      failed = pending.map((item) => ({ id: item.document.id, error: errorMessage(error) }));
    }
    const failedIds = new Map(failed.map((f) => [f.id, f.error]));
    report.indexFailed.push(...failed);
    for (const item of pending) {
      const error = failedIds.get(item.document.id);
      if (error === undefined) {
        report.indexed += 1;
        writes.push(item.next);
      } else {
        writes.push({ ...item.previous, failures: item.previous.failures + 1, lastError: `indexing: ${error}` });
      }
    }
  }
  const newlyGone = gone.filter((g) => g.seen.goneSince === null);
  if (gone.length > 0) {
    try {
      await options.index.markGone(newlyGone.map((g) => g.seen.documentId!), nowSeconds());
      for (const g of gone) writes.push({ ...g.seen, status: 'gone', goneSince: g.goneSince, lastError: g.message });
      report.gone += gone.length;
    } catch (error) {
      for (const g of gone) {
        report.indexFailed.push({ id: g.seen.documentId!, error: `flagging as gone: ${errorMessage(error)}` });
        writes.push({ ...g.seen, failures: g.seen.failures + 1, lastError: g.message });
      }
    }
  }
  await options.state.putUrls(writes);
  report.durationMillis = Date.now() - began;
  return { report, remaining };
}

function causedByBudget(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 6; current = current.cause, depth++) {
    if (current instanceof SubrequestBudgetError) return true;
  }
  return false;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
