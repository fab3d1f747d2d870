import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { loadConfig, ConfigError } from '../../src/config.ts';
import { MemoryTokenBuckets } from '../../src/middleware/rate-limit.ts';
import type { ArticleSearch } from '../../src/search/meilisearch.ts';
import { serveApp } from '../browser/servers.ts';

/** These routes never reach the engine, so a search backend that fails loudly is enough. */
const noEngine = {
  search: () => Promise.reject(new Error('not used')),
  getArticle: () => Promise.reject(new Error('not used')),
  health: () => Promise.resolve({ status: 'available' as const, documents: 0 }),
} satisfies Pick<ArticleSearch, 'search' | 'getArticle' | 'health'>;

describe('MemoryTokenBuckets', () => {
  it('allows a burst, then refills at the sustained rate', () => {
    const buckets = new MemoryTokenBuckets({ capacity: 3, refillPerSecond: 1 });
    expect([1, 2, 3].map(() => buckets.take('a', 1, 0).allowed)).toEqual([true, true, true]);
    expect(buckets.take('a', 1, 0)).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 1 });
    expect(buckets.take('b', 1, 0).allowed).toBe(true);
    expect(buckets.take('a', 1, 999).allowed).toBe(false);
    expect(buckets.take('a', 1, 1000).allowed).toBe(true);
    // An expensive request waits for enough tokens.
    expect(buckets.take('a', 3, 1000)).toMatchObject({ allowed: false, retryAfterSeconds: 3 });
  });

  it('keeps memory bounded by dropping the least recently used client', () => {
    const buckets = new MemoryTokenBuckets({ capacity: 1, refillPerSecond: 0.001, maxKeys: 2 });
    buckets.take('a', 1, 0);
    buckets.take('b', 1, 0);
    buckets.take('c', 1, 0);
    expect(buckets.size).toBe(2);
    // 'a' was dropped: it starts over with a full bucket.
    expect(buckets.take('a', 1, 0).allowed).toBe(true);
    expect(buckets.take('c', 1, 0).allowed).toBe(false);
  });

  it('says what it expected for bad options', () => {
    expect(() => new MemoryTokenBuckets({ capacity: 0, refillPerSecond: 1 })).toThrow('Expected capacity ≥ 1, received 0');
  });
});

describe('per-client rate limits over real connections', () => {
  it('answers 429 with Retry-After once a client spends its burst; static files are free', async () => {
    const api = await serveApp({ search: noEngine, publicAccess: { rateLimitPerMinute: 6, rateLimitBurst: 3 } });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await fetch(`${api.origin}/openapi.json`)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await fetch(`${api.origin}/openapi.json`);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      const body = await limited.json();
      expect(body.error.code).toBe('rate_limited');
      for (let i = 0; i < 5; i++) expect((await fetch(`${api.origin}/assets/app.css`)).status).toBe(200);
    } finally {
      await api.close();
    }
  });

  it('tells clients apart by a proxy header only when configured', async () => {
    const api = await serveApp({ search: noEngine, publicAccess: { rateLimitPerMinute: 6, rateLimitBurst: 1, clientIpHeader: 'x-forwarded-for' } });
    try {
      const get = (ip: string) => fetch(`${api.origin}/openapi.json`, { headers: { 'x-forwarded-for': `${ip}, 10.0.0.1` } }).then((r) => r.status);
      expect([await get('203.0.113.1'), await get('203.0.113.2'), await get('203.0.113.1')]).toEqual([200, 200, 429]);
    } finally {
      await api.close();
    }
  });
});

describe('request size limits and headers', () => {
  const app = createApp({ search: noEngine, publicAccess: { maxBodyBytes: 1024 } });

  it('refuses large bodies (413) and long URLs (414) in the JSON error shape', async () => {
    const big = await app.request('/search', { method: 'POST', body: 'x'.repeat(4096), headers: { 'content-type': 'text/plain' } });
    expect(big.status).toBe(413);
    expect((await big.json()).error.code).toBe('payload_too_large');
    const long = await app.request(`/search?q=${'a'.repeat(9000)}`);
    expect(long.status).toBe(414);
    expect((await long.json()).error.message).toMatch(/at most 8192 bytes, received 90\d\d/);
  });

  it('sends secure headers with a CSP that allows only our own scripts', async () => {
    const res = await app.request('/openapi.json');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('configuration', () => {
  it('reads outlet origins and rate limits, and rejects what is not an origin', () => {
    const config = loadConfig({ ARSIP_CORS_ORIGINS: 'https://www.beritain.co.id, http://127.0.0.1:8080', ARSIP_RATE_LIMIT_PER_MINUTE: '0' });
    expect(config.publicAccess).toMatchObject({ corsOrigins: ['https://www.beritain.co.id', 'http://127.0.0.1:8080'], rateLimitPerMinute: 0, rateLimitBurst: 60 });
    expect(() => loadConfig({ ARSIP_CORS_ORIGINS: 'https://a.example/path' })).toThrow(ConfigError);
    expect(() => loadConfig({ ARSIP_CORS_ORIGINS: '*' })).toThrow(/expects comma-separated origins/);
  });
});
