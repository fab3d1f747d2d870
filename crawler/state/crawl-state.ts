/**
 * What the crawler remembers between runs, behind one small interface so the same crawl runs on Node (SQLite,
 * `sqlite-state.ts`), in tests (`memory-state.ts`) and later on Workers (D1). Runtime-neutral.
 *
 * Times are unix seconds. A URL's validators (ETag, Last-Modified) and content hash are written only after
 * its document is safely in the index: a crash in between makes the next run fetch the page again in full,
 * never skip it as "unchanged".
 */
import type { CrawlReport } from '../run.ts';

export type UrlStatus =
  /** Fetched, extracted and in the index. */
  | 'indexed'
  /** Fetched, but not an article (or the same text as another URL): nothing indexed. */
  | 'skipped'
  /** The last attempt failed; `failures` counts attempts in a row. */
  | 'failed'
  /** The outlet answered 404/410 for a page we had indexed; the document stays, flagged. */
  | 'gone';

export interface UrlRecord {
  /** Live URL as discovered (the key). */
  url: string;
  source: string;
  status: UrlStatus;
  etag: string | null;
  lastModified: string | null;
  /** SHA-256 (hex) of the decoded page text that was last indexed. */
  contentHash: string | null;
  /** SimHash (16 hex digits) of the indexed body, for near-duplicate detection. */
  simhash: string | null;
  documentId: string | null;
  firstSeenAt: number;
  lastSeenAt: number;
  lastFetchedAt: number | null;
  /** Failed attempts in a row; reset by a success. */
  failures: number;
  lastError: string | null;
  goneSince: number | null;
}

export type RunTrigger = 'cli' | 'schedule' | 'admin' | 'start';

export interface CrawlRunRecord {
  id: string;
  trigger: RunTrigger;
  status: 'running' | 'finished' | 'failed';
  /** ISO 8601. */
  startedAt: string;
  finishedAt: string | null;
  /** The whole report once the run ended (per-source counts and errors). */
  report: CrawlReport | null;
  error: string | null;
}

export interface CrawlState {
  getUrl(url: string): Promise<UrlRecord | null>;
  /** Writes all records in one transaction: either all land or none. */
  putUrls(records: readonly UrlRecord[]): Promise<void>;
  /** An indexed URL whose page text had this hash, other than `exceptUrl`. */
  findIndexedByContentHash(contentHash: string, exceptUrl: string): Promise<UrlRecord | null>;
  /** Every URL that has a document in the index (any status), oldest first seen first. */
  listDocuments(): Promise<UrlRecord[]>;
  startRun(run: Pick<CrawlRunRecord, 'id' | 'trigger' | 'startedAt'>): Promise<void>;
  finishRun(id: string, outcome: Pick<CrawlRunRecord, 'status' | 'finishedAt' | 'report' | 'error'>): Promise<void>;
  /** Newest first. */
  recentRuns(limit: number): Promise<CrawlRunRecord[]>;
  close(): Promise<void>;
}

/** A fresh record for a URL seen for the first time. */
export function newUrlRecord(url: string, source: string, nowSeconds: number): UrlRecord {
  return {
    url,
    source,
    status: 'failed',
    etag: null,
    lastModified: null,
    contentHash: null,
    simhash: null,
    documentId: null,
    firstSeenAt: nowSeconds,
    lastSeenAt: nowSeconds,
    lastFetchedAt: null,
    failures: 0,
    lastError: null,
    goneSince: null,
  };
}
