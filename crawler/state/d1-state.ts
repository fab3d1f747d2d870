/**
 * CrawlState on Cloudflare D1 (SQLite at the edge): the same tables and statements as `sqlite-state.ts`, sent
 * through the D1 binding. Runtime-neutral: it only needs an object shaped like the binding, so tests drive it
 * through Miniflare from Node as well.
 *
 * Each method is one D1 call (a `batch` is one call and one transaction), which matters on Workers: every call
 * counts against the invocation's subrequest limit. `onQuery` lets the caller count them.
 */
import type { CrawlRunRecord, CrawlState, UrlRecord, UrlStatus } from './crawl-state.ts';
import { CRAWL_STATE_SCHEMA } from './schema.ts';

/** The parts of the D1 binding this backend uses (structural, so no Workers type package is needed). */
export interface D1DatabaseLike {
  prepare(sql: string): D1StatementLike;
  batch(statements: D1StatementLike[]): Promise<Array<D1ResultLike<unknown>>>;
}

export interface D1StatementLike {
  bind(...values: unknown[]): D1StatementLike;
  first<T = Record<string, unknown>>(): Promise<T | null>;
  all<T = Record<string, unknown>>(): Promise<D1ResultLike<T>>;
  run(): Promise<D1ResultLike<unknown>>;
}

export interface D1ResultLike<T> {
  results?: T[];
  meta?: { changes?: number };
}

/**
 * The schema, run statement by statement (D1's `exec` takes one statement per line). Mirrors
 * `migrations/0001_crawl_state.sql`; a test keeps the two equal.
 */
export const D1_SCHEMA = `${CRAWL_STATE_SCHEMA}
CREATE TABLE IF NOT EXISTS queue_jobs (
  id TEXT PRIMARY KEY,
  run_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  source TEXT NOT NULL,
  enqueued_at INTEGER NOT NULL,
  done_at INTEGER,
  report TEXT
);
CREATE INDEX IF NOT EXISTS queue_jobs_run ON queue_jobs (run_id, done_at);
`;

/** The statements of {@link D1_SCHEMA} (or of a migration file), comments and blank lines dropped. */
export function schemaStatements(sql: string): string[] {
  return sql
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n')
    .split(';')
    .map((statement) => statement.trim())
    .filter(Boolean);
}

/** Creates the tables when missing; idempotent, one D1 call. */
export async function applyD1Schema(db: D1DatabaseLike): Promise<void> {
  await db.batch(schemaStatements(D1_SCHEMA).map((statement) => db.prepare(statement)));
}

/** D1 binds at most 100 parameters per statement. */
const MAX_IN_PARAMETERS = 100;

const UPSERT_URL = `
  INSERT INTO urls (url, source, status, etag, last_modified, content_hash, simhash, document_id, first_seen_at,
                    last_seen_at, last_fetched_at, failures, last_error, gone_since)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (url) DO UPDATE SET
    source = excluded.source, status = excluded.status, etag = excluded.etag, last_modified = excluded.last_modified,
    content_hash = excluded.content_hash, simhash = excluded.simhash, document_id = excluded.document_id,
    first_seen_at = excluded.first_seen_at, last_seen_at = excluded.last_seen_at,
    last_fetched_at = excluded.last_fetched_at, failures = excluded.failures, last_error = excluded.last_error,
    gone_since = excluded.gone_since`;

export interface D1CrawlStateOptions {
  /** Called once per D1 call (a batch counts once): Workers count these as subrequests. */
  onQuery?: () => void;
}

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

export class D1CrawlState implements CrawlState {
  readonly #db: D1DatabaseLike;
  readonly #onQuery: () => void;

  constructor(db: D1DatabaseLike, options: D1CrawlStateOptions = {}) {
    this.#db = db;
    this.#onQuery = options.onQuery ?? (() => {});
  }

  async getUrl(url: string): Promise<UrlRecord | null> {
    this.#onQuery();
    const row = await this.#db.prepare('SELECT * FROM urls WHERE url = ?').bind(url).first<UrlRow>();
    return row ? fromRow(row) : null;
  }

  /** The records of many URLs at once (one D1 call per 100 URLs); URLs never seen are absent from the map. */
  async getUrls(urls: readonly string[]): Promise<Map<string, UrlRecord>> {
    const found = new Map<string, UrlRecord>();
    const unique = [...new Set(urls)];
    for (let start = 0; start < unique.length; start += MAX_IN_PARAMETERS) {
      const chunk = unique.slice(start, start + MAX_IN_PARAMETERS);
      this.#onQuery();
      const { results } = await this.#db
        .prepare(`SELECT * FROM urls WHERE url IN (${chunk.map(() => '?').join(', ')})`)
        .bind(...chunk)
        .all<UrlRow>();
      for (const row of results ?? []) found.set(row.url, fromRow(row));
    }
    return found;
  }

  async putUrls(records: readonly UrlRecord[]): Promise<void> {
    if (records.length === 0) return;
    this.#onQuery();
    // A batch is one transaction: all records land or none.
    await this.#db.batch(records.map((record) => this.#db.prepare(UPSERT_URL).bind(...toValues(record))));
  }

  async findIndexedByContentHash(contentHash: string, exceptUrl: string): Promise<UrlRecord | null> {
    this.#onQuery();
    const row = await this.#db
      .prepare('SELECT * FROM urls WHERE content_hash = ? AND url <> ? AND document_id IS NOT NULL ORDER BY first_seen_at LIMIT 1')
      .bind(contentHash, exceptUrl)
      .first<UrlRow>();
    return row ? fromRow(row) : null;
  }

  async listDocuments(): Promise<UrlRecord[]> {
    this.#onQuery();
    const { results } = await this.#db.prepare('SELECT * FROM urls WHERE document_id IS NOT NULL ORDER BY first_seen_at, url').all<UrlRow>();
    return (results ?? []).map(fromRow);
  }

  async startRun(run: Pick<CrawlRunRecord, 'id' | 'trigger' | 'startedAt'>): Promise<void> {
    this.#onQuery();
    await this.#db
      .prepare("INSERT INTO runs (id, trigger, status, started_at) VALUES (?, ?, 'running', ?)")
      .bind(run.id, run.trigger, run.startedAt)
      .run();
  }

  async finishRun(id: string, outcome: Pick<CrawlRunRecord, 'status' | 'finishedAt' | 'report' | 'error'>): Promise<void> {
    this.#onQuery();
    const result = await this.#db
      .prepare('UPDATE runs SET status = ?, finished_at = ?, report = ?, error = ? WHERE id = ?')
      .bind(outcome.status, outcome.finishedAt, outcome.report ? JSON.stringify(outcome.report) : null, outcome.error, id)
      .run();
    if ((result.meta?.changes ?? 0) === 0) throw new Error(`Expected a started run with id "${id}", received an unknown id`);
  }

  async recentRuns(limit: number): Promise<CrawlRunRecord[]> {
    this.#onQuery();
    const { results } = await this.#db.prepare('SELECT * FROM runs ORDER BY started_at DESC, rowid DESC LIMIT ?').bind(limit).all<RunRow>();
    return (results ?? []).map((row) => ({
      id: row.id,
      trigger: row.trigger as CrawlRunRecord['trigger'],
      status: row.status as CrawlRunRecord['status'],
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      report: row.report ? (JSON.parse(row.report) as CrawlRunRecord['report']) : null,
      error: row.error,
    }));
  }

  /** The binding needs no closing; kept for the interface. */
  async close(): Promise<void> {}
}

function toValues(record: UrlRecord): unknown[] {
  return [
    record.url,
    record.source,
    record.status,
    record.etag,
    record.lastModified,
    record.contentHash,
    record.simhash,
    record.documentId,
    record.firstSeenAt,
    record.lastSeenAt,
    record.lastFetchedAt,
    record.failures,
    record.lastError,
    record.goneSince,
  ];
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
