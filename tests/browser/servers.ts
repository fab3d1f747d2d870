/** The app on a real 127.0.0.1 port (as `npm start` serves it), and an "outlet" page on another port. Node-only. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp, type AppDeps } from '../../src/app.ts';

export interface Running {
  origin: string;
  close(): Promise<void>;
}

export async function serveApp(deps: AppDeps): Promise<Running> {
  const app = createApp(deps);
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => closeServer(server as Server) };
}

/** A page of a pretend outlet site that embeds the search box from `apiOrigin`. */
export function outletPage(apiOrigin: string, outlet: string): string {
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Beritain.co.id — contoh</title>
<style>body{font-family:system-ui,sans-serif;margin:0}header{background:#b91c1c;color:#fff;padding:1rem 1.5rem}main{padding:1.5rem;max-width:48rem}</style>
<script src="${apiOrigin}/widget.js" defer></script></head>
<body><header><strong>Beritain.co.id</strong> — Berita Cilegon dan Banten</header>
<main><h1>Cari di arsip Beritain</h1><arsip-search outlet="${outlet}"></arsip-search>
<p>Halaman contoh sebuah media yang memasang kotak pencarian Arsip Banten.</p></main></body></html>`;
}

/** Serves whatever `page()` returns at every path; started before the app so its origin can be allowed. */
export async function serveOutletSite(page: () => string): Promise<Running> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => closeServer(server) };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
