import type { ArticleDocument } from '../article.ts';
import { html, type SafeHtml } from './html.ts';
import { formatDateTime, messages, type Lang } from './i18n.ts';
import { layout } from './layout.ts';

/** One article: full text, every metadata field, the outlet's page and our archived copy. */
export function renderArticlePage(article: ArticleDocument, lang: Lang): SafeHtml {
  const t = messages(lang);
  const langQuery = lang === 'en' ? '?lang=en' : '';
  const facetLink = (param: string, value: string) => `/?${new URLSearchParams({ [param]: value, ...(lang === 'en' ? { lang } : {}) })}`;
  const list = (param: string, values: string[]) =>
    values.length ? html`<ul class="inline-list">${values.map((v) => html`<li><a href="${facetLink(param, v)}">${v}</a></li>`)}</ul>` : html`<span class="muted">—</span>`;
  const rows: Array<[string, SafeHtml | string]> = [
    [t.outlet, html`<a href="${facetLink('outlet', article.outlet)}">${article.outlet}</a>`],
    [t.published, html`<time datetime="${article.publishedIso}">${formatDateTime(article.publishedIso, lang)}</time>`],
  ];
  if (article.updatedAt) rows.push([t.updated, formatDateTime(toWibIso(article.updatedAt), lang)]);
  rows.push([t.authors, list('author', article.authors)]);
  if (article.editor) rows.push([t.editor, article.editor]);
  rows.push([t.city, article.city ? html`<a href="${facetLink('city', article.city)}">${article.city}</a>` : html`<span class="muted">—</span>`]);
  rows.push([t.places, list('city', article.places)]);
  rows.push([t.organisations, list('organisation', article.organisations)]);
  if (article.dateline) rows.push([t.dateline, article.dateline]);
  if (article.section) rows.push([t.section, article.section]);
  if (article.tags.length) rows.push([t.tags, article.tags.join(', ')]);
  const paragraphs = article.body.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const body = html`<main class="article-layout">
  <p class="back"><a href="/${langQuery}" data-back>← ${t.backToSearch}</a></p>
  <article class="article" lang="${article.language || 'id'}">
    <h1>${article.title}</h1>
    <p class="meta"><span class="outlet">${article.outlet}</span> · <time datetime="${article.publishedIso}">${formatDateTime(article.publishedIso, lang)}</time>${article.authors.length ? html` · ${t.by} ${article.authors.join(', ')}` : null}</p>
    <p class="article-links">
      <a class="original" href="${article.url}" rel="noopener noreferrer">${t.original} ↗</a>
      <a class="archived" href="/articles/${article.id}/archived">${t.archived}</a>
      <a class="json" href="/articles/${article.id}">${t.json}</a>
    </p>
    <div class="article-body">${paragraphs.map((p) => html`<p>${p}</p>`)}</div>
  </article>
  <aside class="article-meta" aria-labelledby="meta-heading">
    <h2 id="meta-heading">${t.metadata}</h2>
    <dl>${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
  </aside>
</main>`;
  return layout({ lang, t, title: `${article.title} — ${t.siteTitle}`, switchHref: `/artikel/${article.id}${lang === 'en' ? '' : '?lang=en'}`, body, bodyClass: 'article-page' });
}

export function renderMessagePage(lang: Lang, title: string, text: string, switchHref: string): SafeHtml {
  const t = messages(lang);
  return layout({ lang, t, title: `${title} — ${t.siteTitle}`, switchHref, body: html`<main class="message-page"><h1>${title}</h1><p>${text}</p><p><a href="/${lang === 'en' ? '?lang=en' : ''}">← ${t.backToSearch}</a></p></main>` });
}

function toWibIso(unixSeconds: number): string {
  return `${new Date((unixSeconds + 7 * 3600) * 1000).toISOString().slice(0, 19)}+07:00`;
}
