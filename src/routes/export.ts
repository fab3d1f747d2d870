import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { errorSchema } from '../api-error.ts';
import type { AppEnv } from '../app.ts';
import type { ExportRow } from '../search/meilisearch.ts';
import { exportQuerySchema, type ExportFormat } from '../search/query.ts';
import { requireCapability } from './capability.ts';

export const CSV_COLUMNS = ['url', 'outlet', 'title', 'published', 'authors', 'city', 'places', 'organisations'] as const;

export const exportRoute = createRoute({
  method: 'get',
  path: '/export',
  summary: 'The whole result set as CSV or NDJSON, streamed',
  description:
    'Takes the same filters as /search. Not capped: the server walks the result set newest first with a cursor on the publish time and streams rows as it reads them. ' +
    'CSV columns: url, outlet, title, published (ISO 8601, +07:00), authors, city, places, organisations (lists joined by "; "), and body with body=1. ' +
    'If the search engine fails mid-way the download is aborted, never silently cut short.',
  request: { query: exportQuerySchema },
  responses: {
    200: {
      content: { 'text/csv': { schema: z.string() }, 'application/x-ndjson': { schema: z.string() } },
      description: 'A streamed file (Content-Disposition: attachment)',
    },
    400: { content: { 'application/json': { schema: errorSchema } }, description: 'Invalid parameters' },
    429: { content: { 'application/json': { schema: errorSchema } }, description: 'Rate limited (see Retry-After)' },
    503: { content: { 'application/json': { schema: errorSchema } }, description: 'Search engine unavailable' },
  },
});

export function registerExportRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(exportRoute, async (c) => {
    const search = c.var.deps.search;
    const exportRows = requireCapability(search.exportRows, 'export');
    const query = c.req.valid('query');
    const batches = exportRows.call(search, query);
    // Read the first batch before answering, so an unreachable engine still gets a proper 503.
    const first = await batches.next();
    const encoder = new TextEncoder();
    const format = query.format;
    let wroteHeader = false;
    let buffered: IteratorResult<ExportRow[]> | null = first;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (format === 'csv' && !wroteHeader) {
          wroteHeader = true;
          controller.enqueue(encoder.encode(csvHeader(query.body)));
          return;
        }
        try {
          const next = buffered ?? (await batches.next());
          buffered = null;
          if (next.done) {
            controller.close();
            return;
          }
          controller.enqueue(encoder.encode(next.value.map((row: ExportRow) => formatRow(row, format)).join('')));
        } catch (error) {
          c.var.deps.logError?.('Export stopped mid-way', error);
          controller.error(error);
        }
      },
      async cancel() {
        await batches.return(undefined);
      },
    });
    const stamp = new Date().toISOString().slice(0, 10);
    return c.body(stream, 200, {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      'Content-Disposition': `attachment; filename="arsip-banten-${stamp}.${format === 'csv' ? 'csv' : 'ndjson'}"`,
      'Cache-Control': 'no-store',
    }) as never;
  });
}

function csvHeader(withBody: boolean): string {
  return `${[...CSV_COLUMNS, ...(withBody ? ['body'] : [])].join(',')}\r\n`;
}

export function formatRow(row: ExportRow, format: ExportFormat): string {
  if (format === 'ndjson') {
    const { id: _id, publishedIso, ...rest } = row;
    return `${JSON.stringify({ ...rest, published: publishedIso })}\n`;
  }
  const cells = [row.url, row.outlet, row.title, row.publishedIso, row.authors.join('; '), row.city ?? '', row.places.join('; '), row.organisations.join('; ')];
  if (row.body !== undefined) cells.push(row.body);
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/**
 * RFC 4180 quoting; a cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR)
 * gets a leading apostrophe, because exports are opened in spreadsheets by people who trust them.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
