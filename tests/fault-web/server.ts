/**
 * A fault-injecting web for crawler tests: two sites on 127.0.0.1 that misbehave on purpose. Node-only.
 *
 * kabar.fault.test serves, besides ordinary articles, a slow page (first answer after the timeout), a page that
 * fails with 500 once, one that always fails, 429 with Retry-After, a connection reset, a truncated body, a
 * huge page, a gzip bomb, a redirect loop, malformed HTML, a windows-1252 page declared only in <meta>, a page
 * whose header lies about its charset, a page robots.txt disallows, an exact copy and a syndicated near-copy of
 * other articles, a page that can be made to disappear (410), and a malformed sitemap. mati.fault.test answers
 * 503 for robots.txt (so nothing of it may be crawled).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { articlePage, articleParagraphs, DOWN_ORIGIN, FAULT_ORIGIN, sitemap } from './pages.ts';

export interface FaultRequest {
  origin: string;
  path: string;
  status: number;
  headers: IncomingMessage['headers'];
}

export interface FaultWeb {
  origins: Record<string, string>;
  requests: FaultRequest[];
  /** Article URLs (live) of the ordinary articles. */
  plainUrls: string[];
  /** From now on the page answers 410 Gone. */
  remove(path: string): void;
  close(): Promise<void>;
}

export interface FaultWebOptions {
  /** Ordinary, well-behaved articles. Default 6. */
  plainArticles?: number;
  /** How long the slow page keeps its first request waiting. Default 1500. */
  slowMillis?: number;
  /** Size of the huge page. Default 3 MiB. */
  hugeBytes?: number;
  /** Decoded size of the gzip bomb. Default 64 MiB. */
  bombBytes?: number;
}

type Handler = (req: IncomingMessage, res: ServerResponse, hits: number) => void | Promise<void>;

export const FAULT_PATHS = {
  slow: '/berita/lambat',
  flaky500: '/berita/galat-500',
  always500: '/berita/selalu-500',
  throttled: '/berita/dibatasi',
  reset: '/berita/putus',
  truncated: '/berita/terpotong',
  huge: '/berita/raksasa',
  bomb: '/berita/bom',
  loop: '/berita/putar-a',
  malformed: '/berita/rusak',
  latin1: '/berita/latin',
  wrongCharset: '/berita/salah-charset',
  disallowed: '/berita/rahasia',
  exactCopy: '/berita/kembar',
  syndicated: '/berita/sindikasi',
  removable: '/berita/hilang',
} as const;

export async function startFaultWeb(options: FaultWebOptions = {}): Promise<FaultWeb> {
  const plainCount = options.plainArticles ?? 6;
  const requests: FaultRequest[] = [];
  const removed = new Set<string>();
  const plainPaths = Array.from({ length: plainCount }, (_, i) => `/berita/biasa-${i + 1}`);
  const html = (res: ServerResponse, body: string | Uint8Array, headers: Record<string, string> = {}) => {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(bytes.length), ...headers });
    res.end(bytes);
  };
  const plain = (n: number) => articlePage({ title: `Berita biasa nomor ${n} dari Serang`, paragraphs: articleParagraphs(n) });

  const routes = new Map<string, Handler>();
  routes.set('/robots.txt', (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end(`User-agent: *\nDisallow: ${FAULT_PATHS.disallowed}\n\nSitemap: ${FAULT_ORIGIN}/sitemap.xml\n`);
  });
  routes.set('/sitemap.xml', (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/xml' });
    res.end(sitemap([...plainPaths, ...Object.values(FAULT_PATHS)].map((path) => `${FAULT_ORIGIN}${path}`)));
  });
  routes.set('/sitemap-rusak.xml', (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/xml' });
    res.end('<?xml version="1.0"?><urlset><url><loc>https://kabar.fault.test/berita/x</loc></url'); // cut off mid-tag
  });
  plainPaths.forEach((path, i) => routes.set(path, (req, res) => conditional(req, res, plain(i + 1))));
  routes.set(FAULT_PATHS.slow, async (_req, res, hits) => {
    if (hits === 1) await new Promise((resolve) => setTimeout(resolve, options.slowMillis ?? 1500));
    if (!res.destroyed) html(res, articlePage({ title: 'Halaman lambat akhirnya terbuka', paragraphs: articleParagraphs(7) }));
  });
  routes.set(FAULT_PATHS.flaky500, (_req, res, hits) => {
    if (hits === 1) return void res.writeHead(500, { 'Content-Type': 'text/plain' }).end('galat sementara');
    html(res, articlePage({ title: 'Server pulih setelah galat', paragraphs: articleParagraphs(8) }));
  });
  routes.set(FAULT_PATHS.always500, (_req, res) => void res.writeHead(500, { 'Content-Type': 'text/plain' }).end('selalu galat'));
  routes.set(FAULT_PATHS.throttled, (_req, res, hits) => {
    // Two waits with one retry allowed: only works if Retry-After waits spend no retries.
    if (hits <= 2) return void res.writeHead(429, { 'Retry-After': '1', 'Content-Type': 'text/plain' }).end('pelan-pelan');
    html(res, articlePage({ title: 'Halaman dengan pembatasan akses', paragraphs: articleParagraphs(9) }));
  });
  routes.set(FAULT_PATHS.reset, (req, res, hits) => {
    if (hits === 1) return void req.socket.destroy();
    html(res, articlePage({ title: 'Koneksi sempat terputus', paragraphs: articleParagraphs(10) }));
  });
  routes.set(FAULT_PATHS.truncated, (req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': '50000' });
    res.write('<!doctype html><html><head><title>Terpotong</title></head><body><p>awal');
    setTimeout(() => req.socket.destroy(), 20);
  });
  routes.set(FAULT_PATHS.huge, (_req, res) => {
    const filler = `<p>${'isi panjang '.repeat(100)}</p>\n`;
    const body = articlePage({ title: 'Halaman raksasa', paragraphs: [filler.repeat(Math.ceil((options.hugeBytes ?? 3 * 1024 * 1024) / filler.length))] });
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }); // no Content-Length: the cap must hold while streaming
    res.end(body);
  });
  const bomb = gzipSync(Buffer.alloc(options.bombBytes ?? 64 * 1024 * 1024, 0x20), { level: 9 });
  routes.set(FAULT_PATHS.bomb, (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Encoding': 'gzip', 'Content-Length': String(bomb.length) });
    res.end(bomb);
  });
  routes.set(FAULT_PATHS.loop, (_req, res) => void res.writeHead(301, { Location: '/berita/putar-b' }).end());
  routes.set('/berita/putar-b', (_req, res) => void res.writeHead(302, { Location: FAULT_PATHS.loop }).end());
  routes.set(FAULT_PATHS.malformed, (_req, res) => {
    const page = articlePage({ title: 'Halaman dengan markup rusak', paragraphs: articleParagraphs(11) })
      .replace('</div></article>', '<div><span>tidak ditutup <b>tebal <i>miring</article>')
      .replace('<footer>', '<<footer>> </p></p></td>');
    html(res, page);
  });
  routes.set(FAULT_PATHS.latin1, (_req, res) => {
    const paragraphs = [...articleParagraphs(12), 'Harga kopi di kafé alun-alun naik menjadi Rp 15.000 per gelas – kata pemilik kafé.'];
    const page = articlePage({ title: 'Kafé di alun-alun Serang ramai pengunjung', paragraphs, charset: 'windows-1252' });
    res.writeHead(200, { 'Content-Type': 'text/html' }); // the charset is only in <meta>
    res.end(iconv.encode(page, 'windows-1252'));
  });
  routes.set(FAULT_PATHS.wrongCharset, (_req, res) => {
    const paragraphs = [...articleParagraphs(13), 'Menu baru di kafé itu adalah sate bandeng khas Serang.'];
    const page = articlePage({ title: 'Header yang salah menyebut charset', paragraphs });
    html(res, iconv.encode(page, 'windows-1252')); // says utf-8, is windows-1252
  });
  routes.set(FAULT_PATHS.disallowed, (_req, res) => html(res, articlePage({ title: 'Rahasia', paragraphs: articleParagraphs(14) })));
  routes.set(FAULT_PATHS.exactCopy, (req, res) => conditional(req, res, plain(2)));
  routes.set(FAULT_PATHS.syndicated, (req, res) => {
    const [first, ...rest] = articleParagraphs(1);
    const paragraphs = [first!.replace('SERANG, KABAR FAULT', 'CILEGON, MITRA'), ...rest, 'Artikel ini telah tayang di Kabar Fault.'];
    conditional(req, res, articlePage({ title: 'Berita biasa nomor 1 dari Serang (tayang ulang)', paragraphs }));
  });
  routes.set(FAULT_PATHS.removable, (req, res) => {
    if (removed.has(FAULT_PATHS.removable)) return void res.writeHead(410, { 'Content-Type': 'text/html' }).end('<h1>Gone</h1>');
    conditional(req, res, articlePage({ title: 'Berita yang kelak dihapus redaksi', paragraphs: articleParagraphs(15) }));
  });

  const hits = new Map<string, number>();
  const servers: Server[] = [];
  const origins: Record<string, string> = {};
  const listen = async (live: string, handle: (req: IncomingMessage, res: ServerResponse) => void) => {
    const server = createServer(handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    origins[live] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  await listen(FAULT_ORIGIN, (req, res) => {
    const path = req.url ?? '/';
    res.on('close', () => requests.push({ origin: FAULT_ORIGIN, path, status: res.headersSent ? res.statusCode : 0, headers: req.headers }));
    const count = (hits.get(path) ?? 0) + 1;
    hits.set(path, count);
    const route = routes.get(path);
    if (!route) return void res.writeHead(404, { 'Content-Type': 'text/html' }).end('<h1>404</h1>');
    Promise.resolve(route(req, res, count)).catch(() => res.destroy());
  });
  await listen(DOWN_ORIGIN, (req, res) => {
    const path = req.url ?? '/';
    requests.push({ origin: DOWN_ORIGIN, path, status: 503, headers: req.headers });
    res.writeHead(503, { 'Content-Type': 'text/plain' }).end('sedang pemeliharaan');
  });

  return {
    origins,
    requests,
    plainUrls: plainPaths.map((path) => `${FAULT_ORIGIN}${path}`),
    remove: (path) => void removed.add(path),
    close: () =>
      Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      ).then(() => undefined),
  };
}

/** Answers 304 to a matching If-None-Match, else the page with a strong ETag. */
function conditional(req: IncomingMessage, res: ServerResponse, page: string): void {
  const etag = `"${Buffer.from(page).length.toString(16)}-${simpleHash(page)}"`;
  if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { ETag: etag }).end();
  const bytes = Buffer.from(page, 'utf8');
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(bytes.length), ETag: etag });
  res.end(bytes);
}

function simpleHash(text: string): string {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return (hash >>> 0).toString(16);
}
