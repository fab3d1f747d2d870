/**
 * The crawl-state tables, shared by the SQLite backend (Node) and the D1 backend (Workers): one
 * definition, so the two stores can never drift apart. Plain SQLite DDL, one statement per line
 * group, as D1 wants it.
 */
export const CRAWL_STATE_SCHEMA = `
CREATE TABLE IF NOT EXISTS urls (
  url TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  status TEXT NOT NULL,
  etag TEXT,
  last_modified TEXT,
  content_hash TEXT,
  simhash TEXT,
  document_id TEXT,
  first_seen_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  last_fetched_at INTEGER,
  failures INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  gone_since INTEGER
);
CREATE INDEX IF NOT EXISTS urls_content_hash ON urls (content_hash);
CREATE INDEX IF NOT EXISTS urls_document_id ON urls (document_id);
CREATE TABLE IF NOT EXISTS runs (
  id TEXT PRIMARY KEY,
  trigger TEXT NOT NULL,
  status TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  report TEXT,
  error TEXT
);
CREATE INDEX IF NOT EXISTS runs_started_at ON runs (started_at);
`;
