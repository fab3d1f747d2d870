import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { indexDocuments, type IndexedSearch } from '../browser/gold-index.ts';
import { testMeili, type TestMeili } from '../helpers/meilisearch.ts';

let meili: TestMeili;
let indexed: IndexedSearch;
let app: ReturnType<typeof createApp>;
const OUTLET_ORIGIN = 'https://www.beritain.example';

beforeAll(async () => {
  meili = testMeili();
  indexed = await indexDocuments(meili, 'suggest');
  app = createApp({ search: indexed.search, publicAccess: { corsOrigins: [OUTLET_ORIGIN] } });
}, 120_000);

afterAll(async () => {
  indexed?.close();
  await meili?.cleanup();
});

describe('GET /suggest', () => {
  it('suggests titles by prefix, newest first, with dates and safe highlights', async () => {
    const res = await app.request('/suggest?q=cileg&limit=5');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300');
    const body = await res.json();
    expect(body.suggestions.length).toBe(5);
    for (const s of body.suggestions) {
      expect(s.title.toLowerCase()).toContain('cileg');
      expect(s.titleHtml).toMatch(/<mark>Cileg<\/mark>/i);
      expect(s.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
    }
    const dates = body.suggestions.map((s: { publishedAt: string }) => s.publishedAt);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('restricts to one outlet when asked', async () => {
    const all = await (await app.request('/suggest?q=cilegon&limit=10')).json();
    expect(new Set(all.suggestions.map((s: { outlet: string }) => s.outlet)).size).toBeGreaterThan(1);
    const one = await (await app.request('/suggest?q=cilegon&limit=10&outlet=BANPOS')).json();
    expect(one.suggestions.length).toBeGreaterThan(0);
    expect(one.suggestions.every((s: { outlet: string }) => s.outlet === 'BANPOS')).toBe(true);
  });

  it('allows cross-origin reads only for configured outlet origins', async () => {
    const allowed = await app.request('/suggest?q=banjir', { headers: { origin: OUTLET_ORIGIN } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(OUTLET_ORIGIN);
    const other = await app.request('/suggest?q=banjir', { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await app.request('/suggest?q=banjir', { method: 'OPTIONS', headers: { origin: OUTLET_ORIGIN, 'access-control-request-method': 'GET' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(OUTLET_ORIGIN);
  });

  it('rejects empty or overlong input in the one error shape', async () => {
    for (const query of ['q=', 'q=%20%20', `q=${'a'.repeat(101)}`, 'q=ab&limit=50']) {
      const res = await app.request(`/suggest?${query}`);
      expect(res.status, query).toBe(400);
      expect((await res.json()).error.code).toBe('invalid_parameter');
    }
  });
});

describe('GET /widget.js', () => {
  it('serves the web component for other origins to load, cached', async () => {
    const res = await app.request('/widget.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=3600/);
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const source = await res.text();
    expect(source).toContain("customElements.define('arsip-search'");
    expect(source).toContain("role=\"combobox\"");
    expect(source).toContain('aria-activedescendant');
    // The script must parse as JavaScript.
    expect(() => new Function(source)).not.toThrow();
  });
});
