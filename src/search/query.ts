import { z } from '@hono/zod-openapi';
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

export const searchQuerySchema = z
  .object({
    q: z.string().max(512, 'q must be at most 512 characters').default('').openapi({ description: 'Full-text query; "phrase" and -exclusion are supported by Meilisearch.' }),
    city: multiValue('city'),
    organisation: multiValue('organisation'),
    author: multiValue('author'),
    outlet: multiValue('outlet'),
    from: isoDay.optional().openapi({ description: 'First publish day (WIB), inclusive, YYYY-MM-DD.' }),
    to: isoDay.optional().openapi({ description: 'Last publish day (WIB), inclusive, YYYY-MM-DD.' }),
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
    if (value.from && value.to && value.from > value.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `to (${value.to}) must not be before from (${value.from})` });
    }
  });

export type SearchQueryInput = z.input<typeof searchQuerySchema>;
export type SearchQuery = z.output<typeof searchQuerySchema>;

export function facetValues(query: SearchQuery): Partial<Record<FacetParam, string[]>> {
  return { city: query.city, organisation: query.organisation, author: query.author, outlet: query.outlet };
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
