import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import type { ArticleSearch } from '../../src/search/meilisearch.ts';

const noEngine = {
  search: () => Promise.reject(new Error('not used')),
  getArticle: () => Promise.reject(new Error('not used')),
  health: () => Promise.resolve({ status: 'available' as const, documents: 0 }),
} satisfies Pick<ArticleSearch, 'search' | 'getArticle' | 'health'>;

describe('GET /openapi.json', () => {
  const app = createApp({ search: noEngine });

  it('documents every route, each error with the one error shape', async () => {
    const doc = await (await app.request('/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\.1/);
    const paths = Object.keys(doc.paths);
    for (const path of ['/search', '/articles/{id}', '/health', '/timeline', '/export', '/suggest', '/widget.js', '/', '/artikel/{id}', '/docs']) {
      expect(paths, path).toContain(path);
    }
    for (const [path, item] of Object.entries<Record<string, { responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }> }>>(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        for (const [status, response] of Object.entries(op.responses)) {
          const json = response.content?.['application/json'];
          // /health answers 503 with its own status body on purpose: monitors read it.
          if (Number(status) >= 400 && json && path !== '/health') expect(json.schema.$ref, `${method} ${path} ${status}`).toBe('#/components/schemas/Error');
        }
      }
    }
    const timelineParams = doc.paths['/timeline'].get.parameters.map((p: { name: string }) => p.name);
    expect(timelineParams).toEqual(expect.arrayContaining(['q', 'city', 'province', 'from', 'to', 'interval']));
  });

  it('is rendered as the /docs page, every path listed', async () => {
    const res = await app.request('/docs');
    expect(res.status).toBe(200);
    const text = await res.text();
    const doc = await (await app.request('/openapi.json')).json();
    for (const path of Object.keys(doc.paths)) expect(text).toContain(`>${path.replace(/&/g, '&amp;')}</h2>`);
  });
});
