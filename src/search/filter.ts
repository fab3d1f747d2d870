import { FACET_FIELDS, type FacetParam } from '../article.ts';

/**
 * Builds Meilisearch filters from validated user input. User text only ever appears inside a
 * double-quoted string literal, escaped the way Meilisearch (>= 1.4) unescapes it: backslash
 * first, then the quote. Field names and operators come from our own constants, never from input,
 * so no value (quotes, `OR`, `=`, parentheses, backslashes) can change what the filter means.
 */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export interface FilterInput {
  /** Per facet param, the values to OR together; params are ANDed. */
  facets: Partial<Record<FacetParam, string[]>>;
  /** Inclusive bounds in unix seconds. */
  publishedFrom?: number | undefined;
  publishedTo?: number | undefined;
  /** Exact document ids (internal use: article lookup). */
  ids?: string[] | undefined;
}

/**
 * Meilisearch's array form: the outer array is ANDed, an inner array is ORed. Returns undefined
 * when there is nothing to filter, so the engine takes its unfiltered path.
 */
export function buildFilter(input: FilterInput): Array<string | string[]> | undefined {
  const clauses: Array<string | string[]> = [];
  for (const param of Object.keys(FACET_FIELDS) as FacetParam[]) {
    const values = input.facets[param];
    if (!values || values.length === 0) continue;
    const field = FACET_FIELDS[param];
    clauses.push(values.map((value) => `${field} = ${quoteFilterValue(value)}`));
  }
  if (input.publishedFrom !== undefined) clauses.push(`publishedAt >= ${safeInteger(input.publishedFrom)}`);
  if (input.publishedTo !== undefined) clauses.push(`publishedAt <= ${safeInteger(input.publishedTo)}`);
  if (input.ids && input.ids.length > 0) {
    clauses.push(input.ids.map((id) => `id = ${quoteFilterValue(id)}`));
  }
  return clauses.length > 0 ? clauses : undefined;
}

function safeInteger(value: number): string {
  if (!Number.isSafeInteger(value)) {
    throw new TypeError(`Expected a safe integer for a date bound, received ${value}`);
  }
  return String(value);
}
