import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app.ts';
import { html, type SafeHtml } from '../ui/html.ts';
import { langOf, messages } from '../ui/i18n.ts';
import { layout } from '../ui/layout.ts';

export const docsRoute = createRoute({
  method: 'get',
  path: '/docs',
  summary: 'This API documentation as a page (HTML), rendered from /openapi.json',
  responses: { 200: { content: { 'text/html': { schema: z.string() } }, description: 'The page' } },
});

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: { type?: string | string[]; enum?: unknown[]; default?: unknown; items?: { type?: string } };
}
interface Operation {
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  responses?: Record<string, { description?: string; content?: Record<string, unknown> }>;
}

export function registerDocsRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(docsRoute, (c) => {
    const lang = langOf(c.req.query('lang'));
    const t = messages(lang);
    const document = app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'Arsip Banten API', version: '0.1.0' } });
    const operations: SafeHtml[] = [];
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
        const op = (item as Record<string, Operation | undefined>)[method];
        if (op) operations.push(renderOperation(method, path, op));
      }
    }
    const body = html`<main class="docs">
      <h1>${t.apiDocs}</h1>
      <p>OpenAPI 3.1: <a href="/openapi.json">/openapi.json</a>. ${lang === 'en' ? 'Errors always have one shape:' : 'Galat selalu berbentuk:'} <code>{"error": {"code", "message", "details": [{"param", "message"}]}}</code>.</p>
      <p>${lang === 'en'
        ? 'Every route: per-client rate limits (429 with Retry-After), request bodies up to the configured size (413), path and query up to 8 KiB (414).'
        : 'Semua rute: batas laju per klien (429 dengan Retry-After), badan permintaan sampai ukuran yang dikonfigurasi (413), path dan kueri sampai 8 KiB (414).'}</p>
      <nav aria-label="${t.apiDocs}"><ul>${operations.length ? Object.keys(document.paths ?? {}).map((p) => html`<li><a href="#${anchor(p)}"><code>${p}</code></a></li>`) : null}</ul></nav>
      ${operations}
    </main>`;
    return c.html(layout({ lang, t, title: `${t.apiDocs} — ${t.siteTitle}`, switchHref: lang === 'en' ? '/docs' : '/docs?lang=en', body }).value, 200, { 'Cache-Control': 'public, max-age=300' }) as never;
  });
}

function anchor(path: string): string {
  return `op-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

function typeOf(schema: Parameter['schema']): string {
  if (!schema) return '';
  if (schema.enum) return schema.enum.map(String).join(' | ');
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? '');
  return type === 'array' && schema.items?.type ? `${schema.items.type}[] (repeat)` : type;
}

function renderOperation(method: string, path: string, op: Operation): SafeHtml {
  const params = op.parameters ?? [];
  const responses = Object.entries(op.responses ?? {});
  return html`<section class="op" id="${anchor(path)}">
    <h2><span class="method">${method.toUpperCase()}</span>${path}</h2>
    ${op.summary ? html`<p><strong>${op.summary}</strong></p>` : null}
    ${op.description ? html`<p>${op.description}</p>` : null}
    ${params.length
      ? html`<table><thead><tr><th>parameter</th><th>in</th><th>type</th><th>default</th><th></th></tr></thead><tbody>${params.map(
          (p) => html`<tr><td><code>${p.name}</code>${p.required ? ' *' : ''}</td><td>${p.in}</td><td><code>${typeOf(p.schema)}</code></td><td>${p.schema?.default !== undefined ? html`<code>${String(p.schema.default)}</code>` : ''}</td><td>${p.description ?? ''}</td></tr>`,
        )}</tbody></table>`
      : null}
    <table><thead><tr><th>status</th><th>content</th><th></th></tr></thead><tbody>${responses.map(
      ([status, r]) => html`<tr><td><code>${status}</code></td><td><code>${Object.keys(r.content ?? {}).join(', ')}</code></td><td>${r.description ?? ''}</td></tr>`,
    )}</tbody></table>
  </section>`;
}
