import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { datePresets } from '../../src/ui/search-page.ts';
import { parsePageState, stateHref } from '../../src/ui/page-state.ts';
import { indexDocuments, type IndexedSearch } from '../browser/gold-index.ts';
import { appWithEngineDown } from '../helpers/engine-down.ts';
import { testMeili, type TestMeili } from '../helpers/meilisearch.ts';

let meili: TestMeili;
let indexed: IndexedSearch;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  meili = testMeili();
  // Without place levels: this file checks the city-based region facet (indexes from older extractors).
  const gold = await (await import('../browser/gold-index.ts')).goldDocuments({ placeLevels: false });
  // One article whose text tries to break out of the page.
  gold.push({ ...gold[0]!, id: 'xss-1', url: 'https://example.test/xss/', title: 'Cilegon <script>alert(1)</script> "quoted"', authors: ['<img src=x onerror=alert(1)>'], city: 'Kota Cilegon' });
  indexed = await indexDocuments(meili, 'ui', gold);
  app = createApp({ search: indexed.search });
}, 120_000);

afterAll(async () => {
  indexed?.close();
  await meili?.cleanup();
});

async function page(path: string) {
  const res = await app.request(path);
  const text = await res.text();
  return { res, text, document: parseHTML(text).document };
}

describe('GET / without JavaScript', () => {
  it('renders results, facets, timeline and exports on the server', async () => {
    const { res, document } = await page('/?q=Cilegon');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(document.querySelector('html')!.getAttribute('lang')).toBe('id');
    expect(document.querySelectorAll('li.hit').length).toBe(20);
    expect(document.querySelector('#q')!.getAttribute('value')).toBe('Cilegon');
    expect(document.querySelectorAll('.facet[data-facet=city] .facet-children .facet-item').length).toBeGreaterThan(1);
    expect(document.querySelector('#timeline svg[role=img]')).not.toBeNull();
    expect(document.querySelectorAll('.timeline-table tbody tr').length).toBeGreaterThan(3);
    const csv = document.querySelector('.export-link')!.getAttribute('href')!;
    expect(csv).toBe('/export?q=Cilegon&format=csv');
    expect(document.querySelector('.pagination a[rel=next]')!.getAttribute('href')).toBe('/?q=Cilegon&page=2');
  });

  it('escapes article text and never runs inline script', async () => {
    const { res, text } = await page('/?q=quoted');
    expect(text).not.toContain('<script>alert(1)</script>');
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text).not.toContain('<img src=x');
    // Only our own script file: no inline <script> body anywhere.
    expect(text.match(/<script\b[^>]*>[^<]+<\/script>/g)).toBeNull();
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('ORs values of one facet using counts computed without that facet', async () => {
    const one = await page('/?outlet=BANPOS');
    const outlets = [...one.document.querySelectorAll('.facet[data-facet=outlet] .facet-item')].map((li) => li.getAttribute('data-value'));
    expect(outlets.length).toBeGreaterThan(2);
    const both = await page('/?outlet=BANPOS&outlet=Beritain.co.id');
    const count = (d: Document) => Number(d.querySelector('#results-count')!.textContent!.replace(/\D/g, ''));
    expect(count(both.document)).toBeGreaterThan(count(one.document));
  });

  it('filters by province through its kabupaten/kota', async () => {
    const banten = await page('/?province=Banten');
    const all = await page('/');
    const count = (d: Document) => Number(d.querySelector('#results-count')!.textContent!.replace(/\D/g, ''));
    const outside = indexed.documents.filter((d) => !d.city || !['Kota Cilegon', 'Kota Serang', 'Kabupaten Serang', 'Kota Tangerang', 'Kabupaten Tangerang', 'Kota Tangerang Selatan', 'Kabupaten Lebak', 'Kabupaten Pandeglang'].includes(d.city)).length;
    expect(count(banten.document)).toBe(count(all.document) - outside);
    const nowhere = await page('/?province=Atlantis');
    expect(count(nowhere.document)).toBe(0);
  });

  it('shows bad parameters on the page instead of failing', async () => {
    const { res, document } = await page('/?from=2025-13-40&q=banjir');
    expect(res.status).toBe(200);
    expect(document.querySelector('.notice.error')!.textContent).toContain('from');
    expect(document.querySelectorAll('li.hit').length).toBeGreaterThan(0);
  });

  it('switches language by URL and keeps the state', async () => {
    const { document } = await page('/?q=banjir&lang=en');
    expect(document.querySelector('html')!.getAttribute('lang')).toBe('en');
    expect(document.querySelector('.lang-switch')!.getAttribute('href')).toBe('/?q=banjir');
    expect(document.querySelector('#results-count')!.textContent).toMatch(/articles/);
  });

  it('answers 503 with a readable page when the engine is down', async () => {
    const { app: down, close } = await appWithEngineDown();
    const res = await down.request('/?q=banjir');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('Mesin pencari sedang tidak dapat dihubungi');
    close();
  });
});

describe('GET /artikel/:id', () => {
  it('shows the full text, metadata and the original and archived links', async () => {
    const doc = indexed.documents.find((d) => d.url.includes('cmm-studi-tiru'))!;
    const { res, document } = await page(`/artikel/${doc.id}`);
    expect(res.status).toBe(200);
    expect(document.querySelector('h1')!.textContent).toBe(doc.title);
    expect(document.querySelectorAll('.article-body p').length).toBe(doc.body.split(/\n\s*\n/).length);
    expect(document.querySelector('a.original')!.getAttribute('href')).toBe(doc.url);
    expect(document.querySelector('a.archived')!.getAttribute('href')).toBe(`/articles/${doc.id}/archived`);
  });

  it('answers 404 with a page for unknown or malformed ids', async () => {
    expect((await app.request('/artikel/nope_000000000000')).status).toBe(404);
    expect((await app.request('/artikel/..%2F..%2Fetc')).status).toBe(404);
  });
});

describe('page state', () => {
  it('round-trips through the URL in a fixed parameter order', () => {
    const state = parsePageState(new URL('http://x/?lang=en&city=Kota+Serang&q=banjir&compare=longsor&page=3&sort=oldest'));
    expect(stateHref(state)).toBe('/?q=banjir&city=Kota+Serang&sort=oldest&page=3&compare=longsor&lang=en');
    // A filter change goes back to page 1.
    expect(stateHref(state, { add: { param: 'author', value: 'Sari' } })).toBe('/?q=banjir&city=Kota+Serang&author=Sari&sort=oldest&compare=longsor&lang=en');
  });

  it('computes WIB presets: ISO week from Monday, month and year to today', () => {
    // 2026-11-27 20:00 UTC is Saturday 28 November 03:00 in WIB.
    const presets = datePresets(Date.UTC(2026, 10, 27, 20) / 1000);
    expect(presets).toEqual({
      week: { from: '2026-11-23', to: '2026-11-28' },
      month: { from: '2026-11-01', to: '2026-11-28' },
      year: { from: '2026-01-01', to: '2026-11-28' },
    });
  });
});
