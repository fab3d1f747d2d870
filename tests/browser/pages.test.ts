/**
 * The researcher page, the article page, exports and the outlet search box in a real Chromium,
 * against the real app on 127.0.0.1 and a real Meilisearch holding the fixture gold articles.
 * Every test saves a screenshot (tests/.screenshots/) and fails on console errors or a page whose
 * key parts are not visible.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { testMeili, type TestMeili } from '../helpers/meilisearch.ts';
import { launchBrowser, screenshot, watchErrors, type Browser } from './browser.ts';
import { indexDocuments, type IndexedSearch } from './gold-index.ts';
import { outletPage, serveApp, serveOutletSite, type Running } from './servers.ts';

let meili: TestMeili;
let indexed: IndexedSearch;
let api: Running;
let outlet: Running;
let browser: Browser;
const open: Array<{ page: Page; errors: string[] }> = [];

beforeAll(async () => {
  meili = testMeili();
  indexed = await indexDocuments(meili, 'browser');
  outlet = await serveOutletSite(() => outletPage(api.origin, 'Beritain.co.id'));
  api = await serveApp({ search: indexed.search, publicAccess: { corsOrigins: [outlet.origin], rateLimitPerMinute: 6000, rateLimitBurst: 1000 } });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
  await outlet?.close();
  indexed?.close();
  await meili?.cleanup();
});

afterEach(async () => {
  for (const { page } of open.splice(0)) await page.close();
});

async function newPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  const entry = { page, errors: watchErrors(page) };
  open.push(entry);
  return entry;
}

/** Not blank, not broken: the header, the main area and some text are there, and nothing failed. */
async function expectHealthy(page: Page, errors: string[]): Promise<void> {
  await expect.poll(() => page.locator('header.site .brand').isVisible()).toBe(true);
  expect(await page.locator('main').isVisible()).toBe(true);
  const text = (await page.locator('main').innerText()).trim();
  expect(text.length).toBeGreaterThan(40);
  expect(await page.title()).not.toBe('');
  expect(errors).toEqual([]);
}

const hitCount = async (page: Page) => Number((await page.locator('#results-count').innerText()).replace(/\D/g, ''));

describe('researcher page', () => {
  it('searches from the box and shows highlighted results with their metadata', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${api.origin}/`);
    await expectHealthy(page, errors);
    await page.fill('#q', 'Cilegon');
    await page.press('#q', 'Enter');
    await page.waitForURL(/q=Cilegon/);
    expect(await hitCount(page)).toBeGreaterThan(3);
    const first = page.locator('.hit').first();
    expect(await page.locator('.hit h3 mark').count()).toBeGreaterThan(0);
    expect(await page.locator('.hit .snippet mark').count()).toBeGreaterThan(0);
    expect(await first.locator('.outlet').innerText()).not.toBe('');
    expect(await first.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await page.locator('.facet[data-facet=place] .facet-item').count()).toBeGreaterThan(1);
    await expectHealthy(page, errors);
    await screenshot(page, '01-search-results');
  });

  it('narrows by facet clicks down the place hierarchy and keeps the choice in the URL', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${api.origin}/?q=Cilegon`);
    const before = await hitCount(page);
    const facet = page.locator('.facet[data-facet=place]');
    await facet.locator('.facet-children > .facet-item > a', { hasText: 'Kota Cilegon' }).first().click();
    await page.waitForURL(/place=Banten\+%3E\+Kota\+Cilegon/);
    const regency = await hitCount(page);
    expect(regency).toBeGreaterThan(0);
    expect(regency).toBeLessThanOrEqual(before);
    await expect.poll(() => page.locator('.active-filters .chip', { hasText: 'Banten › Kota Cilegon' }).isVisible()).toBe(true);
    // The kecamatan of the chosen kota appear under it; choosing one narrows further.
    const districts = facet.locator('.facet-item.on .facet-children .facet-item a');
    expect(await districts.count()).toBeGreaterThan(0);
    await districts.first().click();
    await page.waitForURL(/place=Banten\+%3E\+Kota\+Cilegon\+%3E\+/);
    const district = await hitCount(page);
    expect(district).toBeGreaterThan(0);
    expect(district).toBeLessThan(regency);
    expect(new URL(page.url()).searchParams.getAll('place')).toHaveLength(1);
    // An ordinary facet: outlet values are ORed, counted without their own filter.
    await page.locator('.facet[data-facet=outlet] .facet-item a').first().click();
    await page.waitForURL(/outlet=/);
    for (const outletName of await page.locator('.hit .outlet').allInnerTexts()) {
      expect(outletName).toBe(new URL(page.url()).searchParams.get('outlet'));
    }
    // Facet list search (script-enhanced) hides what does not match.
    const filter = page.locator('.facet[data-facet=organisation] .facet-filter');
    if (await filter.isVisible()) {
      await filter.fill('zzzz-none');
      expect(await page.locator('.facet[data-facet=organisation] .facet-item:visible').count()).toBe(0);
      await filter.fill('');
    }
    await expectHealthy(page, errors);
    await screenshot(page, '02-facet-place');
  });

  it('filters by a date preset and by a custom range', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${api.origin}/`);
    const all = await hitCount(page);
    await page.locator('.presets a', { hasText: 'Tahun ini' }).click();
    await page.waitForURL(/from=\d{4}-01-01/);
    const year = new URL(page.url()).searchParams.get('from')!.slice(0, 4);
    const thisYear = await hitCount(page);
    expect(thisYear).toBeGreaterThan(0);
    expect(thisYear).toBeLessThan(all);
    for (const when of await page.locator('.hit time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime') ?? ''))) expect(when.slice(0, 4)).toBe(year);
    await page.goto(`${api.origin}/`);
    await page.locator('.custom-range summary').click();
    await page.fill('.range-form input[name=from]', '2025-01-01');
    await page.fill('.range-form input[name=to]', '2025-03-31');
    await page.locator('.range-form button').click();
    await page.waitForURL(/to=2025-03-31/);
    for (const when of await page.locator('.hit time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime') ?? ''))) {
      expect(when >= '2025-01-01' && when < '2025-04-01', when).toBe(true);
    }
    await expectHealthy(page, errors);
    await screenshot(page, '03-date-range');
  });

  it('draws an accessible timeline, switches interval, zooms by bar and compares queries', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${api.origin}/`);
    const total = await hitCount(page);
    expect(await page.locator('#timeline svg[role=img] desc').textContent()).toMatch(/\d/);
    expect(await page.locator('#timeline rect.bar').count()).toBeGreaterThan(3);
    await page.locator('.timeline-table summary').click();
    const counts = await page.locator('.timeline-table tbody td').allInnerTexts();
    expect(counts.reduce((n, c) => n + Number(c), 0)).toBe(total);
    await screenshot(page, '04-timeline');
    await page.locator('.intervals a', { hasText: 'per minggu' }).click();
    await page.waitForURL(/interval=week/);
    expect(await page.locator('.timeline-table tbody th').first().textContent()).toMatch(/W\d{2}/);
    // A bar is a link to its period.
    await page.goto(`${api.origin}/?interval=month`);
    await page.locator('#timeline a').first().click();
    await page.waitForURL(/from=.*to=/);
    expect(await hitCount(page)).toBeGreaterThan(0);
    // Compare two queries on one chart.
    await page.goto(`${api.origin}/?q=Cilegon`);
    await page.fill('#compare-input', 'Serang');
    await page.locator('.compare-form button').click();
    await page.waitForURL(/compare=Serang/);
    expect(await page.locator('#timeline polyline').count()).toBe(2);
    expect(await page.locator('.legend li').allInnerTexts()).toEqual([expect.stringContaining('Cilegon'), expect.stringContaining('Serang')]);
    await expectHealthy(page, errors);
    await screenshot(page, '05-timeline-compare');
  });

  it('downloads the whole result set as CSV', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${api.origin}/?outlet=Beritain.co.id`);
    const total = await hitCount(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.export-link', { hasText: /^CSV$/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^arsip-banten-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = await readFile((await download.path())!, 'utf8');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe('url,outlet,title,published,authors,city,places,organisations');
    expect(lines).toHaveLength(total + 1);
    for (const line of lines.slice(1)) expect(line).toContain(',Beritain.co.id,');
    await expectHealthy(page, errors);
    await screenshot(page, '06-export');
  });

  it('reloads a permalink into the same state', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${api.origin}/`);
    await page.fill('#q', 'warga');
    await page.press('#q', 'Enter');
    await page.waitForURL(/q=warga/);
    await page.locator('.facet[data-facet=outlet] .facet-item a').first().click();
    await page.waitForURL(/outlet=/);
    await page.selectOption('#sort', 'oldest');
    await page.waitForURL(/sort=oldest/);
    const url = page.url();
    const titles = await page.locator('.hit h3').allInnerTexts();
    expect(titles.length).toBeGreaterThan(0);
    await page.reload();
    expect(page.url()).toBe(url);
    expect(await page.locator('.hit h3').allInnerTexts()).toEqual(titles);
    expect(await page.inputValue('#q')).toBe('warga');
    expect(await page.inputValue('#sort')).toBe('oldest');
    const fresh = await newPage();
    await fresh.page.goto(url);
    expect(await fresh.page.locator('.hit h3').allInnerTexts()).toEqual(titles);
    await expectHealthy(page, errors);
    await expectHealthy(fresh.page, fresh.errors);
    await screenshot(page, '07-permalink');
  });

  it('switches to English and keeps the search', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${api.origin}/?q=banjir`);
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
    await page.locator('.lang-switch').click();
    await page.waitForURL(/lang=en/);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.inputValue('#q')).toBe('banjir');
    expect(await page.locator('#results-count').innerText()).toMatch(/articles/);
    expect(await page.locator('.presets').innerText()).toContain('This year');
    await expectHealthy(page, errors);
    await screenshot(page, '08-english');
    await page.locator('.lang-switch').click();
    await page.waitForURL((u) => !u.searchParams.has('lang'));
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
  });

  it('opens an article with its full text, metadata and links', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${api.origin}/?q=${encodeURIComponent('Cilegon Metal Manufaktur')}`);
    await page.locator('.hit h3 a').first().click();
    await page.waitForURL(/\/artikel\//);
    expect(await page.locator('.article h1').innerText()).toMatch(/CMM|Cilegon|Metal/i);
    expect(await page.locator('.article-body p').count()).toBeGreaterThan(2);
    expect(await page.locator('a.original').getAttribute('href')).toMatch(/^https:\/\/beritain\.co\.id\//);
    expect(await page.locator('a.archived').getAttribute('href')).toMatch(/^\/articles\/[^/]+\/archived$/);
    expect(await page.locator('.article-meta dd').count()).toBeGreaterThan(4);
    await expectHealthy(page, errors);
    await screenshot(page, '09-article');
  });

  it('lays out for a phone', async () => {
    const { page, errors } = await newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${api.origin}/?q=Cilegon`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectHealthy(page, errors);
    await screenshot(page, '10-mobile-search', { fullPage: false });
    // The filters fold behind a toggle on a phone.
    expect(await page.locator('#filters').isVisible()).toBe(false);
    await page.locator('.filters-jump').click();
    expect(await page.locator('#filters').isVisible()).toBe(true);
    expect(await page.locator('.filters-jump').getAttribute('aria-expanded')).toBe('true');
    await screenshot(page, '10b-mobile-filters', { fullPage: false });
    await page.locator('.hit h3 a').first().click();
    await page.waitForURL(/\/artikel\//);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, '11-mobile-article', { fullPage: false });
  });

  it('renders the API docs page', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${api.origin}/docs`);
    for (const path of ['/search', '/timeline', '/export', '/suggest', '/widget.js']) {
      expect(await page.locator(`section.op h2`, { hasText: path }).count(), path).toBeGreaterThan(0);
    }
    await expectHealthy(page, errors);
    await screenshot(page, '12-docs');
  });
});

describe('outlet search box on another origin', () => {
  it('suggests titles and dates as you type, restricted to the outlet, with keyboard navigation', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${outlet.origin}/berita`);
    const input = page.locator('arsip-search input[role=combobox]');
    await input.click();
    await input.pressSequentially('cile', { delay: 40 });
    const options = page.locator('arsip-search li[role=option]');
    await expect.poll(() => options.count(), { timeout: 5000 }).toBeGreaterThan(0);
    expect(await input.getAttribute('aria-expanded')).toBe('true');
    const suggested = await options.allInnerTexts();
    const beritainTitles = new Set(indexed.documents.filter((d) => d.outlet === 'Beritain.co.id').map((d) => d.title));
    for (const text of suggested) expect([...beritainTitles].some((title) => text.startsWith(title)), text).toBe(true);
    expect(suggested.every((text) => /\d{4}/.test(text))).toBe(true);
    await input.press('ArrowDown');
    const activeId = await input.getAttribute('aria-activedescendant');
    expect(activeId).toBe('option-0');
    expect(await options.first().getAttribute('aria-selected')).toBe('true');
    await input.press('ArrowDown');
    expect(await input.getAttribute('aria-activedescendant')).toBe(suggested.length > 1 ? 'option-1' : null);
    await screenshot(page, '13-widget-suggestions');
    await input.press('Escape');
    expect(await input.getAttribute('aria-expanded')).toBe('false');
    // Enter without a chosen suggestion opens the full search, restricted to the outlet.
    await input.press('Enter');
    await page.waitForURL((u) => u.origin === api.origin);
    expect(new URL(page.url()).searchParams.get('outlet')).toBe('Beritain.co.id');
    await expectHealthy(page, errors);
  });
});
