import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../app.ts';
import type { FacetParam } from '../article.ts';
import { isEngineUnavailable } from '../search/errors.ts';
import type { FacetCount, SearchPage, Timeline } from '../search/meilisearch.ts';
import type { Interval, SearchQuery } from '../search/query.ts';
import { renderArticlePage, renderMessagePage } from '../ui/article-page.ts';
import { APP_CSS } from '../ui/assets/app-css.ts';
import { APP_JS } from '../ui/assets/app-js.ts';
import { ICON_SVG } from '../ui/assets/icon-svg.ts';
import { langOf, messages } from '../ui/i18n.ts';
import { parsePageState, type PageState } from '../ui/page-state.ts';
import { renderSearchPage, type SearchPageData } from '../ui/search-page.ts';
import type { TimelineSeries } from '../ui/timeline-chart.ts';

const htmlPage = { 'text/html': { schema: z.string() } };
const PAGE_CACHE = 'no-cache';
export const ASSET_CACHE = 'public, max-age=31536000, immutable';

export const researcherPageRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'Researcher search page (HTML)',
  description:
    'Server-rendered, works without JavaScript. Takes the /search parameters plus `interval` (day|week|month), `compare` (repeatable: more queries on the timeline) and `lang=en`. Every state is a permalink.',
  responses: {
    200: { content: htmlPage, description: 'The page' },
    503: { content: htmlPage, description: 'The page with a notice that the search engine is unreachable' },
  },
});

export const articlePageRoute = createRoute({
  method: 'get',
  path: '/artikel/{id}',
  summary: 'One article as a page (HTML): full text, metadata, original and archived links',
  request: { params: z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) }) },
  responses: {
    200: { content: htmlPage, description: 'The article page' },
    404: { content: htmlPage, description: 'No such article' },
  },
});

const assetRoute = (path: string, type: string) =>
  createRoute({ method: 'get', path, summary: `Static asset of the pages (${type})`, responses: { 200: { content: { [type]: { schema: z.string() } }, description: 'The file' } } });

export function registerUiRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(researcherPageRoute, async (c) => {
    const state = parsePageState(new URL(c.req.url));
    const data = await loadSearchPage(c, state);
    return c.html(renderSearchPage(data).value, data.unavailable ? 503 : 200, { 'Cache-Control': PAGE_CACHE }) as never;
  });

  app.openapi(articlePageRoute, async (c) => {
    const lang = langOf(c.req.query('lang'));
    const t = messages(lang);
    const id = c.req.param('id');
    const switchHref = `/artikel/${encodeURIComponent(id)}${lang === 'en' ? '' : '?lang=en'}`;
    if (!/^[A-Za-z0-9_-]{1,511}$/.test(id)) return c.html(renderMessagePage(lang, t.notFound, t.notFound, switchHref).value, 404) as never;
    let article;
    try {
      article = await c.var.deps.search.getArticle(id);
    } catch (error) {
      if (isEngineUnavailable(error)) return c.html(renderMessagePage(lang, t.unavailable, t.unavailable, switchHref).value, 503, { 'Retry-After': '5' }) as never;
      throw error;
    }
    if (!article) return c.html(renderMessagePage(lang, t.notFound, t.notFound, switchHref).value, 404) as never;
    return c.html(renderArticlePage(article, lang).value, 200, { 'Cache-Control': PAGE_CACHE }) as never;
  });

  app.openapi(assetRoute('/assets/app.css', 'text/css'), (c) => c.body(APP_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': ASSET_CACHE }) as never);
  app.openapi(assetRoute('/assets/icon.svg', 'image/svg+xml'), (c) => c.body(ICON_SVG, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': ASSET_CACHE }) as never);
  app.openapi(assetRoute('/assets/app.js', 'text/javascript'), (c) =>
    c.body(APP_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': ASSET_CACHE }) as never,
  );
}

const FACET_PARAMS = ['city', 'organisation', 'author', 'outlet'] as const satisfies ReadonlyArray<FacetParam>;

async function loadSearchPage(c: Context<AppEnv>, state: PageState): Promise<SearchPageData> {
  const search = c.var.deps.search;
  const nowSeconds = Math.floor(Date.now() / 1000);
  const empty = { city: [], organisation: [], author: [], outlet: [] } as Record<FacetParam, FacetCount[]>;
  try {
    // Facet counts for a parameter come from the search without that parameter, so values can be ORed.
    const without = (param: FacetParam | 'place'): SearchQuery => ({ ...state.query, [param]: [], ...(param === 'city' ? { province: [] } : {}), page: 1, perPage: 1 });
    const active = [...FACET_PARAMS.filter((p) => state.query[p].length > 0 || (p === 'city' && state.query.province.length > 0)), ...(state.query.place.length > 0 ? (['place'] as const) : [])];
    const [page, timeline, ...others] = await Promise.all([
      search.search(state.query, { placeFacets: true }),
      loadTimelines(c, state),
      ...active.map((p) => search.search(without(p), { placeFacets: p === 'place' })),
    ]);
    const facets = { ...page.facets };
    let placeFacets = page.placeFacets ?? null;
    active.forEach((p, i) => {
      const other = others[i] as SearchPage;
      if (p === 'place') placeFacets = other.placeFacets ?? placeFacets;
      else facets[p] = other.facets[p];
    });
    return { state, page, facets, placeFacets, timeline, unavailable: false, nowSeconds };
  } catch (error) {
    if (!isEngineUnavailable(error)) throw error;
    return { state, page: null, facets: empty, placeFacets: null, timeline: null, unavailable: true, nowSeconds };
  }
}

/** The main query's timeline and any compared queries', on one set of buckets. */
async function loadTimelines(c: Context<AppEnv>, state: PageState): Promise<SearchPageData['timeline']> {
  const search = c.var.deps.search;
  if (!search.timeline) return null;
  const t = messages(state.lang);
  const queries = [state.query.q, ...state.compare];
  const run = (interval: Interval, range?: { from: string; to: string }) =>
    Promise.all(queries.map((q) => search.timeline!({ ...state.query, q, interval, ...(range ?? {}) })));
  let interval: Interval = state.interval ?? 'month';
  let timelines = await run(interval);
  // Without an explicit choice, zoom in until the chart has a few bars to compare.
  while (!state.interval && interval !== 'day' && Math.max(...timelines.map((tl) => tl.buckets.length)) < 4 && timelines.some((tl) => tl.totalHits > 0)) {
    interval = interval === 'month' ? 'week' : 'day';
    timelines = await run(interval);
  }
  const range = unionRange(timelines);
  if (range && timelines.some((tl) => tl.from !== range.from || tl.to !== range.to)) timelines = await run(interval, range);
  const series: TimelineSeries[] = timelines.map((tl, i) => ({ label: queries[i] || t.allArticles, buckets: tl.buckets, totalHits: tl.totalHits }));
  return { interval, series };
}

function unionRange(timelines: Timeline[]): { from: string; to: string } | null {
  const froms = timelines.map((tl) => tl.from).filter((d): d is string => d !== null).sort();
  const tos = timelines.map((tl) => tl.to).filter((d): d is string => d !== null).sort();
  return froms.length && tos.length ? { from: froms[0]!, to: tos[tos.length - 1]! } : null;
}

