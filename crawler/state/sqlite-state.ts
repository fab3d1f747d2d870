/**
 * CrawlState in a SQLite file (better-sqlite3, WAL mode). Node-only. A committed transaction survives SIGKILL
 * of the crawler, which is what lets a killed crawl resume without losing or duplicating articles.
 *
 * The SQL is deliberately plain (TEXT/INTEGER columns, upsert with ON CONFLICT, no JSON functions) so that a
 * Cloudflare D1 backend can implement the same interface with the same statements.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { CrawlRunRecord, CrawlState, UrlRecord, UrlStatus } from './crawl-state.ts';
import { CRAWL_STATE_SCHEMA } from './schema.ts';

interface UrlRow {
  url: string;
  source: string;
  status: string;
  etag: string | null;
  last_modified: string | null;
  content_hash: string | null;
  simhash: string | null;
  document_id: string | null;
  first_seen_at: number;
  last_seen_at: number;
  last_fetched_at: number | null;
  failures: number;
  last_error: string | null;
  gone_since: number | null;
}

interface RunRow {
  id: string;
  trigger: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  report: string | null;
  error: string | null;
}

export class SqliteCrawlState implements CrawlState {
  readonly #db: Database.Database;
  readonly #upsertUrl: Database.Statement;

  /** Opens (creating when missing) the state file, e.g. `data/crawl-state.sqlite`. */
  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode loses at most the last transactions on power loss, never on a process kill.
    this.#db.pragma('synchronous = NORMAL');
    this.#db.pragma('busy_timeout = 5000');
    this.#db.exec(CRAWL_STATE_SCHEMA);
    this.#upsertUrl = this.#db.prepare(`
      INSERT INTO urls (url, source, status, etag, last_modified, content_hash, simhash, document_id, first_seen_at,
                        last_seen_at, last_fetched_at, failures, last_error, gone_since)
      VALUES (@url, @source, @status, @etag, @last_modified, @content_hash, @simhash, @document_id, @first_seen_at,
              @last_seen_at, @last_fetched_at, @failures, @last_error, @gone_since)
      ON CONFLICT (url) DO UPDATE SET
        source = excluded.source, status = excluded.status, etag = excluded.etag, last_modified = excluded.last_modified,
        content_hash = excluded.content_hash, simhash = excluded.simhash, document_id = excluded.document_id,
        first_seen_at = excluded.first_seen_at, last_seen_at = excluded.last_seen_at,
        last_fetched_at = excluded.last_fetched_at, failures = excluded.failures, last_error = excluded.last_error,
        gone_since = excluded.gone_since`);
  }

  async getUrl(url: string): Promise<UrlRecord | null> {
    const row = this.#db.prepare('SELECT * FROM urls WHERE url = ?').get(url) as UrlRow | undefined;
    return row ? fromRow(row) : null;
  }

  async putUrls(records: readonly UrlRecord[]): Promise<void> {
    const write = this.#db.transaction((all: readonly UrlRecord[]) => {
      for (const record of all) this.#upsertUrl.run(toRow(record));
    });
    write(records);
  }

  async findIndexedByContentHash(contentHash: string, exceptUrl: string): Promise<UrlRecord | null> {
    const row = this.#db
      .prepare('SELECT * FROM urls WHERE content_hash = ? AND url <> ? AND document_id IS NOT NULL ORDER BY first_seen_at LIMIT 1')
      .get(contentHash, exceptUrl) as UrlRow | undefined;
    return row ? fromRow(row) : null;
  }

  async listDocuments(): Promise<UrlRecord[]> {
    const rows = this.#db.prepare('SELECT * FROM urls WHERE document_id IS NOT NULL ORDER BY first_seen_at, url').all() as UrlRow[];
    return rows.map(fromRow);
  }

  async startRun(run: Pick<CrawlRunRecord, 'id' | 'trigger' | 'startedAt'>): Promise<void> {
    this.#db
      .prepare("INSERT INTO runs (id, trigger, status, started_at) VALUES (?, ?, 'running', ?)")
      .run(run.id, run.trigger, run.startedAt);
  }

  async finishRun(id: string, outcome: Pick<CrawlRunRecord, 'status' | 'finishedAt' | 'report' | 'error'>): Promise<void> {
    const result = this.#db
      .prepare('UPDATE runs SET status = ?, finished_at = ?, report = ?, error = ? WHERE id = ?')
      .run(outcome.status, outcome.finishedAt, outcome.report ? JSON.stringify(outcome.report) : null, outcome.error, id);
    if (result.changes === 0) throw new Error(`Expected a started run with id "${id}", received an unknown id`);
  }

  async recentRuns(limit: number): Promise<CrawlRunRecord[]> {
    const rows = this.#db.prepare('SELECT * FROM runs ORDER BY started_at DESC, rowid DESC LIMIT ?').all(limit) as RunRow[];
    return rows.map((row) => ({
      id: row.id,
      trigger: row.trigger as CrawlRunRecord['trigger'],
      status: row.status as CrawlRunRecord['status'],
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      report: row.report ? (JSON.parse(row.report) as CrawlRunRecord['report']) : null,
      error: row.error,
    }));
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}

function toRow(record: UrlRecord): UrlRow {
  return {
    url: record.url,
    source: record.source,
    status: record.status,
    etag: record.etag,
    last_modified: record.lastModified,
    content_hash: record.contentHash,
    simhash: record.simhash,
    document_id: record.documentId,
    first_seen_at: record.firstSeenAt,
    last_seen_at: record.lastSeenAt,
    last_fetched_at: record.lastFetchedAt,
    failures: record.failures,
    last_error: record.lastError,
    gone_since: record.goneSince,
  };
}

function fromRow(row: UrlRow): UrlRecord {
  return {
    url: row.url,
    source: row.source,
    status: row.status as UrlStatus,
    etag: row.etag,
    lastModified: row.last_modified,
    contentHash: row.content_hash,
    simhash: row.simhash,
    documentId: row.document_id,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    lastFetchedAt: row.last_fetched_at,
    failures: row.failures,
    lastError: row.last_error,
    goneSince: row.gone_since,
  };
}
