import type { FacetParam } from '../article.ts';
import { INTERVALS, searchQuerySchema, type Interval, type SearchQuery, type Sort } from '../search/query.ts';
import { langOf, type Lang } from './i18n.ts';

/** Everything a researcher page shows is decided by its URL: this is that state, parsed. */
export interface PageState {
  lang: Lang;
  query: SearchQuery;
  /** null = chosen from the date span. */
  interval: Interval | null;
  /** Further queries whose timelines are drawn next to the main one. */
  compare: string[];
  /** Problems with the URL, shown on the page instead of a JSON error. */
  problems: Array<{ param: string; message: string }>;
}

export const LIST_PARAMS = ['place', 'city', 'province', 'organisation', 'author', 'outlet'] as const satisfies ReadonlyArray<FacetParam | 'province' | 'place'>;
export type ListParam = (typeof LIST_PARAMS)[number];
export const MAX_COMPARE = 4;

export function parsePageState(url: URL): PageState {
  const params = url.searchParams;
  const raw: Record<string, string | string[]> = {};
  for (const key of ['q', 'from', 'to', 'sort', 'page']) {
    const value = params.get(key);
    if (value !== null && value !== '') raw[key] = value;
  }
  for (const key of LIST_PARAMS) {
    const values = params.getAll(key).filter((v) => v.trim() !== '');
    if (values.length > 0) raw[key] = values;
  }
  const problems: PageState['problems'] = [];
  let parsed = searchQuerySchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push({ param: issue.path.map(String).join('.') || 'q', message: issue.message });
    const bad = new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')));
    parsed = searchQuerySchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([key]) => !bad.has(key))));
  }
  const query = parsed.success ? parsed.data : searchQuerySchema.parse({});
  const intervalParam = params.get('interval');
  const interval = (INTERVALS as readonly string[]).includes(intervalParam ?? '') ? (intervalParam as Interval) : null;
  const compare = params
    .getAll('compare')
    .map((v) => v.trim().slice(0, 512))
    .filter(Boolean)
    .slice(0, MAX_COMPARE);
  return { lang: langOf(params.get('lang') ?? undefined), query, interval, compare, problems };
}

export interface StateChange {
  q?: string;
  add?: { param: ListParam; value: string };
  remove?: { param: ListParam; value: string };
  /** Replaces the whole list of one parameter. */
  set?: { param: ListParam; values: string[] };
  from?: string | null;
  to?: string | null;
  sort?: Sort | null;
  page?: number;
  interval?: Interval | null;
  compare?: string[];
  lang?: Lang;
  clearFilters?: boolean;
}

/**
 * The URL of the page after a change, in a fixed parameter order so equal states give equal
 * permalinks. Filters and query changes go back to page 1.
 */
export function stateHref(state: PageState, change: StateChange = {}, path = '/'): string {
  const q = change.q ?? state.query.q;
  const lists = Object.fromEntries(LIST_PARAMS.map((p) => [p, change.clearFilters ? [] : [...state.query[p]]])) as Record<ListParam, string[]>;
  if (change.set) lists[change.set.param] = change.set.values;
  if (change.add && !lists[change.add.param].includes(change.add.value)) lists[change.add.param].push(change.add.value);
  if (change.remove) lists[change.remove.param] = lists[change.remove.param].filter((v) => v !== change.remove!.value);
  const from = change.clearFilters ? null : change.from !== undefined ? change.from : (state.query.from ?? null);
  const to = change.clearFilters ? null : change.to !== undefined ? change.to : (state.query.to ?? null);
  const sort = change.sort !== undefined ? change.sort : (state.query.sort ?? null);
  const filtersChanged = change.q !== undefined || change.add || change.remove || change.set || change.from !== undefined || change.to !== undefined || change.clearFilters || change.sort !== undefined;
  const page = change.page ?? (filtersChanged ? 1 : state.query.page);
  const interval = change.interval !== undefined ? change.interval : state.interval;
  const compare = change.compare ?? state.compare;
  const lang = change.lang ?? state.lang;

  const params = new URLSearchParams();
  if (q) params.set('q', q);
  for (const p of LIST_PARAMS) for (const v of lists[p]) params.append(p, v);
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  if (sort) params.set('sort', sort);
  if (page > 1) params.set('page', String(page));
  if (interval) params.set('interval', interval);
  for (const c of compare) params.append('compare', c);
  if (lang !== 'id') params.set('lang', lang);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** Only the filters, for API links (export, timeline JSON). */
export function filterParams(query: SearchQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  for (const p of LIST_PARAMS) for (const v of query[p]) params.append(p, v);
  if (query.from) params.set('from', query.from);
  if (query.to) params.set('to', query.to);
  return params;
}
