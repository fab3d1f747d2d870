/**
 * The raw-page archive: every fetched article response, kept as WARC 1.1 records so that pages survive their
 * outlet, can be re-extracted without the network (`npm run reindex`) and can be replayed by standard tools
 * (pywb, ReplayWeb.page). One interface, one backend per storage: `fs-archive.ts` on Node,
 * `r2-archive.ts` on Workers. Runtime-neutral.
 */
import type { WarcLocation } from '../../src/article.ts';

export type { WarcLocation };

/** One HTTP exchange as the crawler saw it. */
export interface HttpExchange {
  /** Live URL the response came from (after redirects). */
  url: string;
  method?: string;
  requestHeaders: Headers;
  status: number;
  statusText?: string;
  responseHeaders: Headers;
  /** The body as received, after content decoding (gzip/br undone by fetch). */
  body: Uint8Array;
  fetchedAt: Date;
}

/** A response read back from the archive. */
export interface ArchivedResponse {
  url: string;
  fetchedAt: Date;
  status: number;
  headers: Headers;
  body: Uint8Array;
  location: WarcLocation;
}

export interface ArchiveStore {
  /** Appends the response record (and its request record) and says where the response landed. */
  append(exchange: HttpExchange): Promise<WarcLocation>;
  /** The response at `location`; throws ArchiveReadError when it is not there. */
  read(location: WarcLocation): Promise<ArchivedResponse>;
  /** Every response record, oldest file first, in file order. A torn record at a file's end is skipped. */
  responses(): AsyncIterable<ArchivedResponse>;
  close(): Promise<void>;
}

/** The archive holds no readable response at the location asked for. */
export class ArchiveReadError extends Error {
  override readonly name = 'ArchiveReadError';
}
