import { html, type SafeHtml } from './html.ts';
import type { Lang, Messages } from './i18n.ts';

/** Bump when app.css / app.js change, so year-long browser caches never serve stale assets. */
export const ASSET_VERSION = '1';

export function layout(options: { lang: Lang; t: Messages; title: string; switchHref: string; body: SafeHtml; bodyClass?: string }): SafeHtml {
  const { lang, t } = options;
  const home = lang === 'en' ? '/?lang=en' : '/';
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
<link rel="icon" href="/assets/icon.svg?v=${ASSET_VERSION}" type="image/svg+xml">
<link rel="stylesheet" href="/assets/app.css?v=${ASSET_VERSION}">
<script src="/assets/app.js?v=${ASSET_VERSION}" defer></script>
</head>
<body class="${options.bodyClass ?? ''}">
<a class="skip" href="#results">${t.skipToResults}</a>
<header class="site">
  <a class="brand" href="${home}">${t.siteTitle}</a>
  <span class="tagline">${t.tagline}</span>
  <nav class="site-nav">
    <a href="/docs${lang === 'en' ? '?lang=en' : ''}">${t.apiDocs}</a>
    <a class="lang-switch" href="${options.switchHref}" hreflang="${lang === 'en' ? 'id' : 'en'}" lang="${lang === 'en' ? 'id' : 'en'}">${t.switchLang}</a>
  </nav>
</header>
${options.body}
</body>
</html>`;
}
