/**
 * Test data for the pages and the new API routes: the fixture gold articles turned into index
 * documents (what a perfect extractor would produce), upserted into a fresh index of the test
 * Meilisearch, with a search-only key. Node-only.
 */
import { applyIndexConfig } from '../../index-config/apply.ts';
import { upsertDocuments } from '../../index-config/documents.ts';
import { ensureSearchKey } from '../../index-config/keys.ts';
import { areaHierarchy } from '../../crawler/extract/areas.ts';
import { articleIdFromUrl, sha256Hex, type ArticleDocument } from '../../src/article.ts';
import { createNodeHttpClient } from '../../src/runtime/node/http-transport.ts';
import { ArticleSearch } from '../../src/search/meilisearch.ts';
import { isoWeekKey } from '../../src/search/query.ts';
import { loadGold } from '../fixtures/gold.ts';
import type { TestMeili } from '../helpers/meilisearch.ts';

/** Calendar fields of a `+07:00` ISO time: its own date part is already the WIB day. */
export function calendarFields(publishedIso: string): Pick<ArticleDocument, 'day' | 'week' | 'month' | 'year'> {
  const day = publishedIso.slice(0, 10);
  return { day, week: isoWeekKey(day), month: day.slice(0, 7), year: day.slice(0, 4) };
}

/**
 * @param options.placeLevels add the hierarchical place fields the extractor writes (province >
 * kabupaten/kota > kecamatan); without them the pages fall back to the city facet.
 */
export async function goldDocuments(options: { placeLevels?: boolean } = {}): Promise<ArticleDocument[]> {
  const withLevels = options.placeLevels ?? true;
  return Promise.all(
    loadGold().map(async (g) => {
      const publishedAt = Math.floor(Date.parse(g.publishedIso) / 1000);
      return {
        id: await articleIdFromUrl(g.url),
        url: g.url,
        outletId: g.host.replace(/^www\./, '').split('.')[0]!,
        outlet: g.outlet,
        title: g.title,
        lead: g.lead,
        body: g.body,
        authors: g.authors,
        bylineRaw: g.bylineRaw,
        editor: g.editor,
        dateline: g.dateline,
        city: g.city,
        places: g.places,
        organisations: g.organisations,
        ...(withLevels ? (({ levels, codes }) => ({ placeLevels: levels, placeCodes: codes }))(areaHierarchy(g.body, g.places)) : {}),
        organisationAliases: [],
        publishedAt,
        publishedIso: g.publishedIso,
        updatedAt: g.updatedIso ? Math.floor(Date.parse(g.updatedIso) / 1000) : null,
        ...calendarFields(g.publishedIso),
        section: g.section,
        tags: g.tags,
        image: g.image,
        language: g.language,
        fetchedAt: publishedAt,
        contentHash: await sha256Hex(g.body),
        extractorVersion: 'gold',
      } satisfies ArticleDocument;
    }),
  );
}

export interface IndexedSearch {
  indexUid: string;
  search: ArticleSearch;
  documents: ArticleDocument[];
  close(): void;
}

/** A fresh index holding `documents` (default: the gold set), and an ArticleSearch over it. */
export async function indexDocuments(meili: TestMeili, prefix: string, documents?: ArticleDocument[]): Promise<IndexedSearch> {
  const docs = documents ?? (await goldDocuments());
  const indexUid = meili.uniqueIndexUid(prefix);
  await applyIndexConfig(meili.adminClient, { indexUid });
  const written = await upsertDocuments(meili.adminClient, indexUid, docs);
  if (written.failedBatches.length > 0) throw new Error(`Indexing failed: ${JSON.stringify(written.failedBatches)}`);
  const { key } = await ensureSearchKey(meili.adminClient, { indexUids: [`${indexUid}*`] });
  const transport = createNodeHttpClient({ timeoutMillis: 5000 });
  const search = new ArticleSearch({ url: meili.url, searchKey: key, indexUid, timeoutMillis: 5000, httpClient: transport.httpClient });
  return { indexUid, search, documents: docs, close: () => transport.close() };
}
