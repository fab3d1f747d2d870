-- Crawl state on Cloudflare D1: the same tables as the SQLite backend (crawler/state/sqlite-state.ts), plus the
-- queue's job ledger. Apply with `wrangler d1 migrations apply arsip-crawl-state [--remote] [--env production]`.
-- The Worker also runs these statements (all IF NOT EXISTS) once per isolate, so a forgotten migration is not fatal.
-- Keep in sync with D1_SCHEMA in crawler/state/d1-state.ts (tests/worker/d1-state.test.ts compares them).
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
