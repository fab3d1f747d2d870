import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app.ts';
import { WIDGET_JS } from '../ui/assets/widget-js.ts';

/** Not versioned in its URL (outlets paste it once), so cached for an hour, not a year. */
export const WIDGET_CACHE_CONTROL = 'public, max-age=3600, stale-while-revalidate=86400';

export const widgetRoute = createRoute({
  method: 'get',
  path: '/widget.js',
  summary: 'Embeddable search box for outlet sites: the <arsip-search> web component',
  description:
    'Load with `<script src="…/widget.js" defer></script>` and place `<arsip-search outlet="Beritain.co.id"></arsip-search>`. Suggestions come from /suggest; the outlet origin must be listed in ARSIP_CORS_ORIGINS.',
  responses: { 200: { content: { 'text/javascript': { schema: z.string() } }, description: 'The script' } },
});

export function registerWidgetRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(widgetRoute, (c) =>
    c.body(WIDGET_JS, 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': WIDGET_CACHE_CONTROL,
      // Loaded by pages on other origins: the default same-origin policy would block it.
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Access-Control-Allow-Origin': '*',
    }) as never,
  );
}
