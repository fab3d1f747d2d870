import { load } from 'cheerio/slim';
import { describe, expect, it } from 'vitest';
import { extractMainText } from '../../../crawler/extract/main-text.ts';
import { findPageRegions, isInChrome } from '../../../crawler/extract/page-regions.ts';

const NO_STRUCTURED = { headline: null, ogTitle: null };
const P1 = 'Paragraf pertama berisi cerita tentang warga Cilegon yang berkumpul untuk kegiatan bersama di alun-alun kota.';
const P2 = 'Paragraf kedua menjelaskan bahwa kegiatan itu didukung pemerintah kota dan diikuti ribuan warga dari berbagai kecamatan.';

function mainText(html: string) {
  const $ = load(html);
  const regions = findPageRegions($, NO_STRUCTURED);
  if (!regions.container) throw new Error('expected a body container, found none');
  return { $, regions, text: extractMainText($, regions.container) };
}

describe('findPageRegions', () => {
  it('finds the WordPress body, the title and the article scope, and marks the header as chrome', () => {
    const { $, regions } = mainText(`<body><header id="masthead" class="site-header"><h1 class="site-title">Beritain</h1>
      <span class="clock">Senin, 20 Oktober 2025</span></header>
      <article><header class="entry-header"><h1 class="entry-title">Judul Berita</h1></header>
      <div class="entry-content"><p>${P1}</p><p>${P2}</p></div></article>
      <aside class="sidebar"><div class="entry-content"><p>${P1}</p></div></aside></body>`);
    expect($(regions.heading!).text()).toBe('Judul Berita');
    expect(regions.container!.attribs['class']).toBe('entry-content');
    expect(regions.scope!.name).toBe('article');
    expect(isInChrome($('.clock').get(0)!)).toBe(true);
    expect(isInChrome($('.entry-title').get(0)!)).toBe(false);
    expect(regions.containerCount).toBe(1);
  });

  it('falls back to the densest block of paragraphs on an unknown theme', () => {
    const { text } = mainText(`<body><div class="nav-menu"><p>Beranda</p></div>
      <div class="x1"><p>Teks pendek.</p></div><div class="x2"><h1>Judul</h1><p>${P1}</p><p>${P2}</p></div></body>`);
    expect(text.paragraphs).toEqual(['Judul', P1, P2]);
  });

  it('counts the post bodies of a listing page', () => {
    const post = `<div class="post"><h3 class="post-title"><a href="/a">Judul</a></h3><div class="post-body">${P1} ${P2}</div></div>`;
    const { regions } = mainText(`<body>${post}${post}${post}</body>`);
    expect(regions.containerCount).toBe(3);
  });
});

describe('extractMainText', () => {
  it('keeps paragraphs and drops scripts, ads, share bars, "Baca juga", related posts, tags and comments', () => {
    const { text } = mainText(`<article><h1>Judul</h1><div class="entry-content">
      <p>${P1}</p>
      <script>var x = 1;</script><style>.a{}</style>
      <div class="code-block"><ins class="adsbygoogle"></ins>ADVERTISEMENT</div>
      <p><strong>Baca juga:</strong> <a href="/lain">Berita lain yang menarik</a></p>
      <p>BACA JUGA : <a href="/lain2">Berita lain</a></p>
      <figure class="wp-caption"><img src="a.jpg"><figcaption class="wp-caption-text">Foto: warga di alun-alun</figcaption></figure>
      <h2>Subjudul</h2>
      <p>${P2}</p>
      <p><a href="/tautan">Tautan lain yang berdiri sendiri</a></p>
      <div class="sharedaddy">Share this: Facebook Twitter</div>
      <div class="jp-relatedposts"><p>Berita terkait</p></div>
      <div class="post-tags">Tags: Cilegon</div>
      <div id="comments"><p>Komentar pembaca</p></div>
      </div></article>`);
    expect(text.paragraphs).toEqual([P1, 'Subjudul', P2]);
    expect(text.captions).toEqual(['Foto: warga di alun-alun']);
  });

  it('splits Blogger posts written with <br> instead of <p>', () => {
    const { text } = mainText(`<div class="post"><h3 class="post-title">Judul</h3>
      <div class="post-body entry-content"><div>${P1}<br><br>${P2}<br>
      <table class="tr-caption-container"><tr><td><img src="a.jpg"></td></tr><tr><td class="tr-caption">Keterangan foto</td></tr></table>
      <span>(*)</span></div></div></div>`);
    expect(text.paragraphs).toEqual([P1, P2, '(*)']);
    expect(text.captions).toEqual(['Keterangan foto']);
  });

  it('does not modify the page it reads', () => {
    const { $, regions } = mainText(`<article><h1>Judul</h1><div class="entry-content"><p>${P1}</p><script>x</script><p>${P2}</p></div></article>`);
    extractMainText($, regions.container!);
    expect($('script').length).toBe(1);
  });
});
