/**
 * Runs the extractor over every gold article's offline page (tests/fixtures/sites) and compares the
 * result with the gold file: per-field accuracy is printed, and the fields users facet on must be exact.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../crawler/extract/index.ts';
import { SOURCES } from '../../../crawler/sources/index.ts';
import { loadGold, type GoldArticle } from '../../fixtures/gold.ts';

const SITES_DIR = fileURLToPath(new URL('../../fixtures/sites/', import.meta.url));
const FETCHED_AT = new Date('2026-12-01T00:00:00Z');

/** The stored file of a page: `_site.json` routes first (TangerangNews), then `/a/b/` -> `a/b/index.html`. */
function pagePath(gold: GoldArticle, path: string = gold.path): string {
  const manifest = JSON.parse(readFileSync(join(SITES_DIR, gold.host, '_site.json'), 'utf8')) as { routes?: Record<string, string> };
  const routed = manifest.routes?.[path];
  if (routed) return join(SITES_DIR, gold.host, routed);
  return join(SITES_DIR, gold.host, decodeURIComponent(path.endsWith('/') ? `${path}index.html` : path));
}

interface Comparison {
  gold: GoldArticle;
  reason: string | null;
  exact: Record<string, boolean>;
  orgs: { truePositives: number; predicted: number; expected: number };
}

const EXACT_FIELDS = ['url', 'title', 'publishedMinute', 'authors', 'city', 'dateline', 'places', 'editor', 'bylineRaw', 'lead', 'body'] as const;

/** Every gold page, plus the AMP copy (same gold, its own address) where the article has one. */
const pages = (golds: GoldArticle[]): Array<{ gold: GoldArticle; url: string }> =>
  golds.flatMap((gold) => [{ gold, url: gold.url }, ...(gold.render.amp ? [{ gold, url: `${gold.url}amp/` }] : [])]);

async function compare({ gold, url }: { gold: GoldArticle; url: string }): Promise<Comparison> {
  const source = SOURCES.find((s) => new URL(s.origin).host === gold.host);
  if (!source) throw new Error(`expected a source in crawler/sources for ${gold.host}, found none`);
  const file = pagePath(gold, new URL(url).pathname);
  if (!existsSync(file)) throw new Error(`expected the offline page ${file} for ${url}; run tests/fixtures/build-sites.ts`);
  const result = await extractArticle({ html: readFileSync(file, 'utf8'), url, source, fetchedAt: FETCHED_AT });
  const expectedOrgs = new Set(gold.organisations);
  if (!result.ok) {
    return { gold, reason: result.reason, exact: {}, orgs: { truePositives: 0, predicted: 0, expected: expectedOrgs.size } };
  }
  const doc = result.article;
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const exact: Record<string, boolean> = {
    // An AMP copy is indexed under the canonical address, so that it never duplicates the article.
    url: doc.url === gold.url,
    title: doc.title === gold.title,
    // Same instant to the minute, whatever the offset notation.
    publishedMinute: Math.floor(doc.publishedAt / 60) === Math.floor(Date.parse(gold.publishedIso) / 60_000),
    authors: same(doc.authors, gold.authors),
    city: doc.city === gold.city,
    dateline: doc.dateline === gold.dateline,
    places: same(doc.places, [...gold.places].sort()),
    editor: doc.editor === gold.editor,
    bylineRaw: doc.bylineRaw === gold.bylineRaw,
    lead: doc.lead === gold.lead,
    body: doc.body === gold.body,
    // The caption under the lead image is kept, apart from the body.
    captions: gold.imageCaption === null || (doc.captions ?? []).includes(gold.imageCaption),
  };
  const truePositives = doc.organisations.filter((o) => expectedOrgs.has(o)).length;
  return { gold, reason: null, exact, orgs: { truePositives, predicted: doc.organisations.length, expected: expectedOrgs.size } };
}

const golds = loadGold();

describe('extractor against the gold fixture articles', () => {
  it('has gold articles to compare with', () => {
    expect(golds.length).toBeGreaterThanOrEqual(60);
    expect(new Set(golds.map((g) => g.host)).size).toBeGreaterThanOrEqual(6);
    expect(golds.filter((g) => g.render.amp).length).toBeGreaterThanOrEqual(3);
  });

  it('extracts url, title, date, authors, editor, dateline, city, places, lead and body exactly on every page and AMP copy, organisations with F1 >= 0.95', async () => {
    const comparisons = await Promise.all(pages(golds).map(compare));
    const failed = comparisons.filter((c) => c.reason !== null);
    expect(failed.map((c) => `${c.gold.url}: ${c.reason}`)).toEqual([]);

    const accuracy: Record<string, string> = {};
    for (const field of EXACT_FIELDS) {
      const right = comparisons.filter((c) => c.exact[field]).length;
      accuracy[field] = `${right}/${comparisons.length}`;
    }
    const tp = comparisons.reduce((n, c) => n + c.orgs.truePositives, 0);
    const predicted = comparisons.reduce((n, c) => n + c.orgs.predicted, 0);
    const expected = comparisons.reduce((n, c) => n + c.orgs.expected, 0);
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = expected === 0 ? 0 : tp / expected;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    accuracy['organisations (P/R/F1)'] = `${precision.toFixed(3)} / ${recall.toFixed(3)} / ${f1.toFixed(3)}`;
    console.table(accuracy);

    for (const field of ['url', 'title', 'publishedMinute', 'authors', 'city', 'dateline', 'places', 'editor', 'lead', 'body', 'captions'] as const) {
      expect(comparisons.filter((c) => !c.exact[field]).map((c) => c.gold.url), `${field} differs on`).toEqual([]);
    }
    expect(f1).toBeGreaterThanOrEqual(0.95);
  });
});
