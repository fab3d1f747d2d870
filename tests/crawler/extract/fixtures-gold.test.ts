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

/** `/2025/10/14/slug/` -> `<host>/2025/10/14/slug/index.html`; Blogger's `/2026/01/slug.html` is a file. */
function pagePath(gold: GoldArticle): string {
  const path = gold.path.endsWith('/') ? `${gold.path}index.html` : gold.path;
  return join(SITES_DIR, gold.host, decodeURIComponent(path));
}

interface Comparison {
  gold: GoldArticle;
  reason: string | null;
  exact: Record<string, boolean>;
  orgs: { truePositives: number; predicted: number; expected: number };
}

const EXACT_FIELDS = ['title', 'publishedMinute', 'authors', 'city', 'dateline', 'places', 'editor', 'bylineRaw', 'lead', 'body'] as const;

async function compare(gold: GoldArticle): Promise<Comparison> {
  const source = SOURCES.find((s) => new URL(s.origin).host === gold.host);
  if (!source) throw new Error(`expected a source in crawler/sources for ${gold.host}, found none`);
  const file = pagePath(gold);
  if (!existsSync(file)) throw new Error(`expected the offline page ${file} for ${gold.url}; run tests/fixtures/build-sites.ts`);
  const result = await extractArticle({ html: readFileSync(file, 'utf8'), url: gold.url, source, fetchedAt: FETCHED_AT });
  const expectedOrgs = new Set(gold.organisations);
  if (!result.ok) {
    return { gold, reason: result.reason, exact: {}, orgs: { truePositives: 0, predicted: 0, expected: expectedOrgs.size } };
  }
  const doc = result.article;
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const exact: Record<string, boolean> = {
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
  };
  const truePositives = doc.organisations.filter((o) => expectedOrgs.has(o)).length;
  return { gold, reason: null, exact, orgs: { truePositives, predicted: doc.organisations.length, expected: expectedOrgs.size } };
}

const golds = loadGold();

describe('extractor against the gold fixture articles', () => {
  it('has gold articles to compare with', () => {
    expect(golds.length).toBeGreaterThanOrEqual(30);
    expect(new Set(golds.map((g) => g.host)).size).toBe(4);
  });

  it('extracts title, date, authors and city exactly on every page, and organisations with F1 >= 0.8', async () => {
    const comparisons = await Promise.all(golds.map(compare));
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

    for (const field of ['title', 'publishedMinute', 'authors', 'city'] as const) {
      expect(comparisons.filter((c) => !c.exact[field]).map((c) => c.gold.url), `${field} differs on`).toEqual([]);
    }
    expect(f1).toBeGreaterThanOrEqual(0.8);
  });
});
