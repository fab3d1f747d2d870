import { load } from 'cheerio/slim';
import { describe, expect, it } from 'vitest';
import { extractStructuredData, parseJsonLenient } from '../../../crawler/extract/structured-data.ts';

const page = (head: string) => extractStructuredData(load(`<html><head>${head}</head><body></body></html>`));

describe('extractStructuredData', () => {
  it('reads a Yoast @graph and resolves the author through @id', () => {
    const data = page(`<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
      {"@type":"Article","@id":"https://beritain.co.id/a/#article","isPartOf":{"@id":"https://beritain.co.id/a/"},
       "author":{"name":"Sari","@id":"https://beritain.co.id/#/schema/person/1"},"headline":"Judul",
       "datePublished":"2025-10-14T16:20:00+07:00","dateModified":"2025-10-15T08:00:00+07:00",
       "articleSection":["Ekonomi"],"keywords":["CMM","IKM"]},
      {"@type":"WebPage","@id":"https://beritain.co.id/a/","datePublished":"2025-10-14T16:20:00+07:00"},
      {"@type":"Person","@id":"https://beritain.co.id/#/schema/person/2","name":"Redaksi"}]}</script>`);
    expect(data.hasArticleNode).toBe(true);
    expect(data.headline).toBe('Judul');
    expect(data.authors).toEqual(['Sari']);
    expect(data.datePublished).toBe('2025-10-14T16:20:00+07:00');
    expect(data.dateModified).toBe('2025-10-15T08:00:00+07:00');
    expect(data.section).toBe('Ekonomi');
    expect(data.tags).toEqual(['CMM', 'IKM']);
  });

  it('resolves an author given only as an @id reference', () => {
    const data = page(`<script type="application/ld+json">{"@graph":[
      {"@type":["NewsArticle"],"headline":"Judul","author":[{"@id":"#p1"},{"@id":"#p2"}]},
      {"@type":"Person","@id":"#p1","name":"Nurul Hidayah"},{"@type":"Person","@id":"#p2","name":"Dewi Lestari"}]}</script>`);
    expect(data.authors).toEqual(['Nurul Hidayah', 'Dewi Lestari']);
  });

  it('reads top-level arrays and BlogPosting', () => {
    const data = page(`<script type="application/ld+json">[{"@type":"Organization","name":"BantenXpose"},
      {"@type":"BlogPosting","headline":"Atlet Silat","author":"Fajar Hidayat","datePublished":"2026-01-12T19:20:00+07:00"}]</script>`);
    expect(data.headline).toBe('Atlet Silat');
    expect(data.authors).toEqual(['Fajar Hidayat']);
    expect(data.types).toEqual(['Organization', 'BlogPosting']);
  });

  it('tolerates raw newlines and trailing commas, and skips JSON beyond repair', () => {
    const data = page(`<script type="application/ld+json">{"@type":"NewsArticle","headline":"Baris
      kedua","datePublished":"2025-10-14T16:20:00+07:00",}</script>
      <script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>`);
    expect(data.headline).toBe('Baris kedua');
    expect(data.datePublished).toBe('2025-10-14T16:20:00+07:00');
  });

  it('reads OpenGraph, article:* meta, meta author and the canonical link', () => {
    const data = page(`<title>Judul - BANPOS</title>
      <link rel="canonical" href="https://www.bantenpos.co/judul/">
      <meta property="og:title" content="Judul - BANPOS"><meta property="og:type" content="article">
      <meta property="og:site_name" content="BANPOS"><meta property="og:image" content="https://www.bantenpos.co/a.jpg">
      <meta property="article:published_time" content="2025-09-03T11:20:00+07:00">
      <meta property="article:modified_time" content="2025-09-04T08:00:00+07:00">
      <meta property="article:section" content="Ekonomi"><meta property="article:tag" content="Krakatau Steel">
      <meta name="author" content="Lukman"><meta property="article:author" content="https://facebook.com/banpos">`);
    expect(data).toMatchObject({
      ogTitle: 'Judul - BANPOS',
      documentTitle: 'Judul - BANPOS',
      ogType: 'article',
      siteName: 'BANPOS',
      image: 'https://www.bantenpos.co/a.jpg',
      metaPublishedTime: '2025-09-03T11:20:00+07:00',
      metaModifiedTime: '2025-09-04T08:00:00+07:00',
      section: 'Ekonomi',
      tags: ['Krakatau Steel'],
      metaAuthors: ['Lukman'],
      canonical: 'https://www.bantenpos.co/judul/',
      hasArticleNode: false,
    });
  });

  it('reports listing page types', () => {
    const data = page(`<script type="application/ld+json">{"@graph":[{"@type":"CollectionPage","name":"Ekonomi"}]}</script>`);
    expect(data.hasArticleNode).toBe(false);
    expect(data.types).toContain('CollectionPage');
  });
});

describe('parseJsonLenient', () => {
  it('returns undefined instead of throwing', () => {
    expect(parseJsonLenient('{')).toBeUndefined();
    expect(parseJsonLenient('')).toBeUndefined();
    expect(parseJsonLenient('<!-- {"a": 1} -->')).toEqual({ a: 1 });
  });
});
