/**
 * The one place settings are read. Everything else receives a Config (or a part of it), so the
 * same code runs on Node (process.env) and on Workers (the env bindings object).
 */
export interface Config {
  /** Port of the HTTP API. */
  port: number;
  /** Interface the Node server binds to. */
  host: string;
  meilisearch: {
    /** null = start the bundled local Meilisearch (Node only). */
    url: string | null;
    /** Admin/master key: server side only, used for settings, keys and writes. */
    masterKey: string | null;
    /** Search-only key for the public API; null = create or reuse one with the master key. */
    searchKey: string | null;
    /** Path of a meilisearch binary to launch instead of the npm-shipped one. */
    binaryPath: string | null;
    indexUid: string;
    /** Per-request timeout on the serving path: a slow or dead Meilisearch becomes a quick 503. */
    searchTimeoutMillis: number;
  };
  /** Folder for local state: Meilisearch data, crawl state, archive. */
  dataDir: string;
  /** Bearer token for /admin routes; null disables them. */
  adminToken: string | null;
  crawl: {
    userAgent: string;
    /** Source ids to crawl; empty = all registered sources. */
    sources: string[];
    globalConcurrency: number;
    perHostConcurrency: number;
    perHostDelayMillis: number;
    timeoutMillis: number;
    maxBodyBytes: number;
    /** Crawl once when `npm start` boots. */
    onStart: boolean;
    /** Cron expression (croner syntax) for incremental crawls under `npm start`; null = no schedule. */
    schedule?: string | null;
    /** Live origin → where to fetch it instead (offline copies, a staging mirror); empty normally. */
    originMap?: Record<string, string>;
    /** SQLite file of the crawl state (per-URL validators, hashes, runs). Default `${dataDir}/crawl-state.sqlite`. */
    stateFile?: string;
    /** Folder of the WARC archive files. Default `${dataDir}/archive`. */
    archiveDir?: string;
  };
  /** Protection of the public pages and API (optional so hand-built configs keep compiling; loadConfig fills it). */
  publicAccess?: PublicAccessConfig;
}

export interface PublicAccessConfig {
  /** Origins (`https://www.outlet.example`) whose pages may call the API from a browser (the search box widget). */
  corsOrigins: string[];
  /** Sustained requests per minute per client; 0 turns rate limiting off. */
  rateLimitPerMinute: number;
  /** Requests a client may make at once before the per-minute rate applies. */
  rateLimitBurst: number;
  /** Request header holding the client address when a proxy sits in front (`x-forwarded-for`); null = the socket's address. */
  clientIpHeader: string | null;
  /** Largest request body accepted. */
  maxBodyBytes: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

/** Every variable the project reads, with its default: the README's configuration table mirrors this. */
export const CONFIG_VARIABLES = {
  PORT: '3000',
  HOST: '127.0.0.1',
  MEILISEARCH_URL: '(unset: start a local Meilisearch)',
  MEILISEARCH_MASTER_KEY: '(unset: generated for the local server)',
  MEILISEARCH_SEARCH_KEY: '(unset: created with the master key)',
  MEILISEARCH_BINARY: '(unset: the npm-shipped linux-x64 binary)',
  MEILISEARCH_INDEX: 'articles',
  MEILISEARCH_SEARCH_TIMEOUT_MS: '2000',
  ARSIP_DATA_DIR: './data',
  ARSIP_ADMIN_TOKEN: '(unset: admin routes disabled)',
  ARSIP_USER_AGENT: 'ArsipBantenBot/0.1 (+https://github.com/arsip-banten/arsip-banten)',
  ARSIP_SOURCES: '(unset: all sources)',
  ARSIP_CRAWL_CONCURRENCY: '8',
  ARSIP_CRAWL_PER_HOST: '1',
  ARSIP_CRAWL_DELAY_MS: '1000',
  ARSIP_CRAWL_TIMEOUT_MS: '15000',
  ARSIP_CRAWL_MAX_BYTES: '5242880',
  ARSIP_CRAWL_ON_START: 'true',
  ARSIP_CRAWL_SCHEDULE: '*/30 * * * *',
  ARSIP_ORIGIN_MAP: '(unset: fetch the live origins)',
  ARSIP_CORS_ORIGINS: '(unset: no cross-origin access)',
  ARSIP_RATE_LIMIT_PER_MINUTE: '300',
  ARSIP_RATE_LIMIT_BURST: '60',
  ARSIP_CLIENT_IP_HEADER: '(unset: the connection\'s address)',
  ARSIP_MAX_BODY_BYTES: '65536',
} as const;

export function loadConfig(env: Env): Config {
  const url = nonEmpty(env.MEILISEARCH_URL);
  if (url !== null && !/^https?:\/\//.test(url)) {
    throw new ConfigError(`MEILISEARCH_URL must start with http:// or https://, received "${url}"`);
  }
  return {
    port: integer(env, 'PORT', 0, 65535),
    host: nonEmpty(env.HOST) ?? CONFIG_VARIABLES.HOST,
    meilisearch: {
      url: url?.replace(/\/+$/, '') ?? null,
      masterKey: nonEmpty(env.MEILISEARCH_MASTER_KEY),
      searchKey: nonEmpty(env.MEILISEARCH_SEARCH_KEY),
      binaryPath: nonEmpty(env.MEILISEARCH_BINARY),
      indexUid: indexUid(env.MEILISEARCH_INDEX ?? CONFIG_VARIABLES.MEILISEARCH_INDEX),
      searchTimeoutMillis: integer(env, 'MEILISEARCH_SEARCH_TIMEOUT_MS', 50, 60_000),
    },
    dataDir: nonEmpty(env.ARSIP_DATA_DIR) ?? CONFIG_VARIABLES.ARSIP_DATA_DIR,
    adminToken: adminToken(env.ARSIP_ADMIN_TOKEN),
    crawl: {
      userAgent: nonEmpty(env.ARSIP_USER_AGENT) ?? CONFIG_VARIABLES.ARSIP_USER_AGENT,
      sources: (env.ARSIP_SOURCES ?? '').split(',').map((s) => s.trim()).filter(Boolean),
      globalConcurrency: integer(env, 'ARSIP_CRAWL_CONCURRENCY', 1, 256),
      perHostConcurrency: integer(env, 'ARSIP_CRAWL_PER_HOST', 1, 16),
      perHostDelayMillis: integer(env, 'ARSIP_CRAWL_DELAY_MS', 0, 600_000),
      timeoutMillis: integer(env, 'ARSIP_CRAWL_TIMEOUT_MS', 100, 600_000),
      maxBodyBytes: integer(env, 'ARSIP_CRAWL_MAX_BYTES', 1024, 1024 ** 3),
      onStart: boolean(env, 'ARSIP_CRAWL_ON_START'),
      schedule: crawlSchedule(env.ARSIP_CRAWL_SCHEDULE),
      originMap: originMap(env.ARSIP_ORIGIN_MAP),
      stateFile: `${nonEmpty(env.ARSIP_DATA_DIR) ?? CONFIG_VARIABLES.ARSIP_DATA_DIR}/crawl-state.sqlite`,
      archiveDir: `${nonEmpty(env.ARSIP_DATA_DIR) ?? CONFIG_VARIABLES.ARSIP_DATA_DIR}/archive`,
    },
    publicAccess: {
      corsOrigins: corsOrigins(env.ARSIP_CORS_ORIGINS),
      rateLimitPerMinute: integer(env, 'ARSIP_RATE_LIMIT_PER_MINUTE', 0, 1_000_000),
      rateLimitBurst: integer(env, 'ARSIP_RATE_LIMIT_BURST', 1, 1_000_000),
      clientIpHeader: nonEmpty(env.ARSIP_CLIENT_IP_HEADER)?.toLowerCase() ?? null,
      maxBodyBytes: integer(env, 'ARSIP_MAX_BODY_BYTES', 1024, 1024 ** 3),
    },
  };
}

/** `https://a.example, http://b.example:8080` → exact origins; anything else is a configuration mistake. */
function corsOrigins(raw: string | undefined): string[] {
  const list = (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return list.map((origin) => {
    let parsed: URL | null = null;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = null;
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin.replace(/\/+$/, '')) {
      throw new ConfigError(`ARSIP_CORS_ORIGINS expects comma-separated origins like https://www.outlet.example (scheme, host, optional port; no path), received "${origin}"`);
    }
    return parsed.origin;
  });
}

function nonEmpty(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function integer<K extends keyof typeof CONFIG_VARIABLES>(env: Env, name: K, min: number, max: number): number {
  const raw = nonEmpty(env[name]) ?? CONFIG_VARIABLES[name];
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, received "${raw}"`);
  }
  return value;
}

function boolean<K extends keyof typeof CONFIG_VARIABLES>(env: Env, name: K): boolean {
  const raw = (nonEmpty(env[name]) ?? CONFIG_VARIABLES[name]).toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, received "${raw}"`);
}

function indexUid(raw: string): string {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(raw)) {
    throw new ConfigError(`MEILISEARCH_INDEX may hold only A-Z a-z 0-9 - _, received "${raw}"`);
  }
  return raw;
}

function adminToken(raw: string | undefined): string | null {
  const token = nonEmpty(raw);
  if (token !== null && token.length < 16) {
    throw new ConfigError(`ARSIP_ADMIN_TOKEN must be at least 16 characters, received ${token.length}`);
  }
  return token;
}

/** A cron expression, or null for "off"; croner validates it fully when the scheduler starts. */
function crawlSchedule(raw: string | undefined): string | null {
  const value = nonEmpty(raw) ?? CONFIG_VARIABLES.ARSIP_CRAWL_SCHEDULE;
  if (['off', 'false', 'none'].includes(value.toLowerCase())) return null;
  const fields = value.split(/\s+/).length;
  if (fields < 5 || fields > 7) {
    throw new ConfigError(`ARSIP_CRAWL_SCHEDULE must be a cron expression of 5 to 7 fields or "off", received "${value}"`);
  }
  return value;
}

/** `{"https://outlet.example": "http://127.0.0.1:8080"}`: where to fetch a live origin instead. */
function originMap(raw: string | undefined): Record<string, string> {
  const text = nonEmpty(raw);
  if (text === null) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigError('ARSIP_ORIGIN_MAP must be a JSON object mapping origins to origins, received text that is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`ARSIP_ORIGIN_MAP must be a JSON object mapping origins to origins, received ${Array.isArray(parsed) ? 'an array' : typeof parsed}`);
  }
  const map: Record<string, string> = {};
  for (const [live, target] of Object.entries(parsed)) {
    if (typeof target !== 'string' || !/^https?:\/\/[^/]+\/?$/.test(live) || !/^https?:\/\//.test(target)) {
      throw new ConfigError(`ARSIP_ORIGIN_MAP entries must map an http(s) origin to an http(s) URL, received ${JSON.stringify(live)} → ${JSON.stringify(target)}`);
    }
    map[live] = target;
  }
  return map;
}
