import { z } from '@hono/zod-openapi';
import { PROVINCES, REGENCIES } from '../../crawler/extract/gazetteer-data.ts';
import type { FacetParam } from '../article.ts';

/** Deep pages cost the engine more with every page; whole result sets go through exports. */
export const MAX_RESULT_WINDOW = 10_000;
export const SORTS = ['relevance', 'newest', 'oldest'] as const;
export type Sort = (typeof SORTS)[number];

const WIB_OFFSET_SECONDS = 7 * 3600;

/** One value or several (`city=A&city=B`): always an array after parsing. */
const multiValue = (name: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(
      z
        .array(z.string().trim().min(1, `each ${name} value must be non-empty`).max(200, `each ${name} value must be at most 200 characters`))
        .max(20, `at most 20 ${name} values`),
    )
    .openapi({ description: `Filter by ${name}; repeat the parameter to OR several values.`, type: 'array', items: { type: 'string' } });

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((s) => dayStartWib(s) !== null, 'expected a real calendar date');

/** The filters every result-set route shares: search, timeline, export. */
const filterShape = {
  q: z.string().max(512, 'q must be at most 512 characters').default('').openapi({ description: 'Full-text query; "phrase" and -exclusion are supported by Meilisearch.' }),
  city: multiValue('city'),
  province: multiValue('province').openapi({
    description: 'Filter by province (e.g. `Banten`): the same as listing all of its kabupaten/kota as `city`; ORed with `city`.',
    type: 'array',
    items: { type: 'string' },
  }),
  place: multiValue('place').openapi({
    description:
      'Filter by an area the article mentions, as a path of the hierarchical place facet: `Banten`, `Banten > Kota Cilegon` or `Banten > Kota Cilegon > Citangkil` (province > kabupaten/kota > kecamatan); repeat to OR.',
    type: 'array',
    items: { type: 'string' },
  }),
  organisation: multiValue('organisation'),
  author: multiValue('author'),
  outlet: multiValue('outlet'),
  from: isoDay.optional().openapi({ description: 'First publish day (WIB), inclusive, YYYY-MM-DD.' }),
  to: isoDay.optional().openapi({ description: 'Last publish day (WIB), inclusive, YYYY-MM-DD.' }),
};

function checkRange(value: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx): void {
  if (value.from && value.to && value.from > value.to) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `to (${value.to}) must not be before from (${value.from})` });
  }
}

export const searchQuerySchema = z
  .object({
    ...filterShape,
    sort: z.enum(SORTS).optional().openapi({ description: 'Default: relevance with a query, newest without.' }),
    page: z.coerce.number().int('page must be an integer').min(1, 'page must be 1 or more').default(1),
    perPage: z.coerce.number().int('perPage must be an integer').min(1, 'perPage must be 1 or more').max(100, 'perPage must be at most 100').default(20),
  })
  .superRefine((value, ctx) => {
    if (value.page * value.perPage > MAX_RESULT_WINDOW) {
      ctx.addIssue({
        code: 'custom',
        path: ['page'],
        message: `page × perPage must be at most ${MAX_RESULT_WINDOW}; use an export for whole result sets`,
      });
    }
    checkRange(value, ctx);
  });

export const INTERVALS = ['day', 'week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];
/** A chart of more bars than this reads as noise and costs the engine one facet pass per 400 buckets. */
export const MAX_TIMELINE_BUCKETS = 4000;

export const timelineQuerySchema = z
  .object({
    ...filterShape,
    interval: z.enum(INTERVALS).default('month').openapi({ description: 'Bucket size; days and weeks are WIB calendar days and ISO weeks.' }),
  })
  .superRefine(checkRange);

export const EXPORT_FORMATS = ['csv', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const exportQuerySchema = z
  .object({
    ...filterShape,
    format: z.enum(EXPORT_FORMATS).default('csv'),
    body: z
      .enum(['0', '1', 'false', 'true'])
      .default('0')
      .transform((v) => v === '1' || v === 'true')
      .openapi({ description: 'Include the article body (large: ~4 KB per article).', type: 'string', enum: ['0', '1'] }),
  })
  .superRefine(checkRange);

export const suggestQuerySchema = z.object({
  q: z.string().trim().min(1, 'q must not be empty').max(100, 'q must be at most 100 characters').openapi({ description: 'What the user has typed so far; the last word matches as a prefix.' }),
  outlet: z.string().trim().min(1).max(200).optional().openapi({ description: 'Restrict suggestions to one outlet (its display name, as in the outlet facet).' }),
  limit: z.coerce.number().int('limit must be an integer').min(1, 'limit must be 1 or more').max(10, 'limit must be at most 10').default(6),
});

export type TimelineQuery = z.output<typeof timelineQuerySchema>;
export type ExportQuery = z.output<typeof exportQuerySchema>;
export type SuggestQuery = z.output<typeof suggestQuerySchema>;
/** What search, timeline and export have in common: the result set. */
export type ResultSetQuery = Pick<SearchQuery, 'q' | 'city' | 'province' | 'place' | 'organisation' | 'author' | 'outlet' | 'from' | 'to'>;

/** Separator of the hierarchical place facet's levels (the extractor writes `Banten > Kota Cilegon`). */
export const PLACE_LEVEL_SEPARATOR = ' > ';
export const PLACE_LEVEL_FIELDS = ['placeLevels.lvl0', 'placeLevels.lvl1', 'placeLevels.lvl2'] as const;

/** The facet field holding a place path: its depth is the number of separators (at most 2). */
export function placeLevelField(path: string): (typeof PLACE_LEVEL_FIELDS)[number] {
  const depth = Math.min(path.split(PLACE_LEVEL_SEPARATOR).length - 1, PLACE_LEVEL_FIELDS.length - 1);
  return PLACE_LEVEL_FIELDS[depth]!;
}

export type SearchQueryInput = z.input<typeof searchQuerySchema>;
export type SearchQuery = z.output<typeof searchQuerySchema>;

export function facetValues(query: ResultSetQuery): Partial<Record<FacetParam, string[]>> {
  const cities = [...query.city, ...query.province.flatMap((name) => regenciesOfProvince(name))];
  // A province nobody has heard of must match nothing, not silently drop the filter.
  if (query.province.length > 0 && cities.length === 0) cities.push(NO_SUCH_CITY);
  return { city: cities, organisation: query.organisation, author: query.author, outlet: query.outlet };
}

const NO_SUCH_CITY = '\u0000no such province';
const PROVINCE_CODE_BY_NAME = new Map(PROVINCES.map(([code, name]) => [name.toLowerCase(), code]));
const PROVINCE_NAME_BY_CODE = new Map(PROVINCES.map(([code, name]) => [code, name]));
const PROVINCE_CODE_BY_REGENCY = new Map(REGENCIES.map(([code, name]) => [name, code.slice(0, 2)]));

/** Official kabupaten/kota names of a province (case-insensitive name), [] when unknown. */
export function regenciesOfProvince(province: string): string[] {
  const code = PROVINCE_CODE_BY_NAME.get(province.trim().toLowerCase());
  if (!code) return [];
  return REGENCIES.filter(([regency]) => regency.startsWith(`${code}.`)).map(([, name]) => name);
}

/** The province of an official kabupaten/kota name (`Kota Cilegon` → `Banten`), null when unknown. */
export function provinceOfCity(city: string): string | null {
  const code = PROVINCE_CODE_BY_REGENCY.get(city);
  return code ? (PROVINCE_NAME_BY_CODE.get(code) ?? null) : null;
}

export function effectiveSort(query: SearchQuery): Sort {
  return query.sort ?? (query.q.trim() ? 'relevance' : 'newest');
}

/** Unix seconds of 00:00 WIB on that day, or null for an impossible date. */
export function dayStartWib(isoDate: string): number | null {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const ms = Date.UTC(y, m - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return ms / 1000 - WIB_OFFSET_SECONDS;
}

/** Inclusive unix-second bounds for a from/to day range in WIB. */
export function publishedRange(query: Pick<SearchQuery, 'from' | 'to'>): { from?: number; to?: number } {
  const range: { from?: number; to?: number } = {};
  if (query.from) range.from = dayStartWib(query.from)!;
  if (query.to) range.to = dayStartWib(query.to)! + 86_400 - 1;
  return range;
}

const DAY_SECONDS = 86_400;

/** `2025-10-14` → unix seconds of that day's 00:00 UTC (date arithmetic only; WIB is applied by callers). */
function utcDayMillis(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

/** The WIB calendar day (YYYY-MM-DD) of an instant given in unix seconds. */
export function wibDay(unixSeconds: number): string {
  return new Date((unixSeconds + WIB_OFFSET_SECONDS) * 1000).toISOString().slice(0, 10);
}

/** ISO 8601 week key of a calendar day, the same form the crawler stores: `2025-W42`. */
export function isoWeekKey(isoDate: string): string {
  const thursday = new Date(utcDayMillis(isoDate));
  thursday.setUTCDate(thursday.getUTCDate() + 3 - ((thursday.getUTCDay() + 6) % 7));
  const weekYear = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(weekYear, 0, 1)) / (DAY_SECONDS * 1000) / 7) + 1;
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
}

export function bucketKey(isoDate: string, interval: Interval): string {
  if (interval === 'day') return isoDate;
  if (interval === 'week') return isoWeekKey(isoDate);
  return isoDate.slice(0, 7);
}

export interface Bucket {
  /** The stored facet value: `2025-10-14`, `2025-W42` or `2025-10`. */
  key: string;
  /** First calendar day of the bucket (a Monday for weeks). */
  start: string;
}

/** Every bucket from the one holding `fromDay` to the one holding `toDay`, gaps included, in order. */
export function enumerateBuckets(fromDay: string, toDay: string, interval: Interval): Bucket[] {
  const buckets: Bucket[] = [];
  const start = new Date(utcDayMillis(fromDay));
  if (interval === 'week') start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  if (interval === 'month') start.setUTCDate(1);
  const end = utcDayMillis(toDay);
  for (const cursor = start; cursor.getTime() <= end; ) {
    const day = cursor.toISOString().slice(0, 10);
    buckets.push({ key: bucketKey(day, interval), start: day });
    if (buckets.length > MAX_TIMELINE_BUCKETS) {
      throw new RangeError(`Expected at most ${MAX_TIMELINE_BUCKETS} ${interval} buckets, received a range from ${fromDay} to ${toDay}; choose a longer interval or a shorter range`);
    }
    if (interval === 'day') cursor.setUTCDate(cursor.getUTCDate() + 1);
    else if (interval === 'week') cursor.setUTCDate(cursor.getUTCDate() + 7);
    else cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return buckets;
}
