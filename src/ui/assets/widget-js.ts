/**
 * The embeddable outlet search box, served from /widget.js: a classic script defining the
 * `<arsip-search>` custom element (shadow DOM, ARIA 1.2 combobox with a listbox popup).
 *
 * Attributes: `outlet` (restrict suggestions and results to one outlet, by its display name),
 * `lang` (`id` default, or `en`), `placeholder`, `api` (default: the origin this script came from).
 */
export const WIDGET_JS = `(() => {
  'use strict';
  if (window.customElements === undefined || customElements.get('arsip-search')) return;
  const script = document.currentScript;
  const SCRIPT_ORIGIN = script && script.src ? new URL(script.src, location.href).origin : location.origin;
  const TEXT = {
    id: { label: 'Cari berita', placeholder: 'Cari berita…', button: 'Cari', list: 'Saran artikel', none: 'Tidak ada saran', count: (n) => n + ' saran tersedia, gunakan panah atas dan bawah', locale: 'id-ID' },
    en: { label: 'Search news', placeholder: 'Search news…', button: 'Search', list: 'Suggested articles', none: 'No suggestions', count: (n) => n + ' suggestions available, use the up and down arrows', locale: 'en-GB' },
  };
  const CSS = \`
    :host { display: block; position: relative; font: inherit; --arsip-accent: #0b5d6b; --arsip-mark: #ffe28a; max-width: 36rem; }
    .box { display: flex; gap: .4rem; }
    input { flex: 1; min-width: 0; font: inherit; padding: .5rem .65rem; border: 1px solid #8f9aa3; border-radius: 6px; background: #fff; color: #1d2327; }
    button { font: inherit; padding: .5rem .9rem; border: 0; border-radius: 6px; background: var(--arsip-accent); color: #fff; cursor: pointer; }
    input:focus-visible, button:focus-visible { outline: 3px solid #f59e0b; outline-offset: 1px; }
    ul { position: absolute; z-index: 1000; left: 0; right: 0; margin: .25rem 0 0; padding: .25rem 0; list-style: none; background: #fff; border: 1px solid #c9d0d5; border-radius: 6px; box-shadow: 0 6px 18px rgba(0,0,0,.12); max-height: 22rem; overflow-y: auto; }
    li { padding: .45rem .75rem; cursor: pointer; color: #1d2327; line-height: 1.35; }
    li[aria-selected="true"], li:hover { background: #e3eff1; }
    .title { display: block; }
    .date { display: block; font-size: .82em; color: #5b6770; }
    mark { background: var(--arsip-mark); color: inherit; }
    .vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  \`;
  let instances = 0;

  class ArsipSearch extends HTMLElement {
    constructor() {
      super();
      this.root = this.attachShadow({ mode: 'open' });
      this.cache = new Map();
      this.items = [];
      this.active = -1;
      this.timer = 0;
      this.controller = null;
      this.uid = 'arsip-' + ++instances;
    }
    get api() { return (this.getAttribute('api') || SCRIPT_ORIGIN).replace(/\\/+$/, ''); }
    get lang() { return this.getAttribute('lang') === 'en' ? 'en' : 'id'; }
    get t() { return TEXT[this.lang]; }
    connectedCallback() {
      if (this.input) return;
      const t = this.t;
      if ('adoptedStyleSheets' in Document.prototype && 'replaceSync' in CSSStyleSheet.prototype) {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
        this.root.adoptedStyleSheets = [sheet];
      } else {
        const style = document.createElement('style');
        style.textContent = CSS;
        this.root.append(style);
      }
      const form = document.createElement('form');
      form.setAttribute('role', 'search');
      form.setAttribute('part', 'form');
      form.innerHTML = '<label class="vh" for="input"></label><div class="box"><input id="input" type="search" part="input" role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="listbox" autocomplete="off" spellcheck="false"><button type="submit" part="button"></button></div><ul id="listbox" role="listbox" part="listbox" hidden></ul><div class="vh" role="status" aria-live="polite"></div>';
      this.root.append(form);
      this.form = form;
      this.input = form.querySelector('input');
      this.list = form.querySelector('ul');
      this.status = form.querySelector('[role=status]');
      form.querySelector('label').textContent = t.label;
      form.querySelector('button').textContent = t.button;
      this.list.setAttribute('aria-label', t.list);
      this.input.placeholder = this.getAttribute('placeholder') || t.placeholder;
      this.input.addEventListener('input', () => this.schedule());
      this.input.addEventListener('keydown', (event) => this.onKey(event));
      this.input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
      form.addEventListener('submit', (event) => { event.preventDefault(); this.submit(); });
      this.list.addEventListener('mousedown', (event) => event.preventDefault());
      this.list.addEventListener('click', (event) => {
        const li = event.target.closest('li[role=option]');
        if (li) this.open(Number(li.dataset.index));
      });
    }
    schedule() {
      clearTimeout(this.timer);
      const q = this.input.value.trim();
      if (q.length < 2) { this.render([]); return; }
      this.timer = setTimeout(() => this.fetch(q), 120);
    }
    async fetch(q) {
      const key = q.toLowerCase();
      if (this.cache.has(key)) { this.render(this.cache.get(key)); return; }
      if (this.controller) this.controller.abort();
      this.controller = new AbortController();
      const params = new URLSearchParams({ q, limit: '6' });
      const outlet = this.getAttribute('outlet');
      if (outlet) params.set('outlet', outlet);
      try {
        const response = await fetch(this.api + '/suggest?' + params, { signal: this.controller.signal, credentials: 'omit' });
        if (!response.ok) return;
        const body = await response.json();
        this.cache.set(key, body.suggestions);
        if (this.input.value.trim() === q) this.render(body.suggestions);
      } catch (error) {
        if (error && error.name !== 'AbortError') this.render([]);
      }
    }
    render(items) {
      this.items = items;
      this.active = -1;
      this.input.removeAttribute('aria-activedescendant');
      this.list.textContent = '';
      const format = new Intl.DateTimeFormat(this.t.locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Asia/Jakarta' });
      items.forEach((item, index) => {
        const li = document.createElement('li');
        li.id = 'option-' + index;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.setAttribute('part', 'option');
        li.dataset.index = String(index);
        const title = document.createElement('span');
        title.className = 'title';
        // titleHtml is escaped by the API; only <mark> tags are added to it.
        title.innerHTML = item.titleHtml;
        const date = document.createElement('span');
        date.className = 'date';
        const when = new Date(item.publishedAt);
        date.textContent = (isNaN(when) ? item.publishedAt : format.format(when)) + (this.getAttribute('outlet') ? '' : ' · ' + item.outlet);
        li.append(title, date);
        this.list.append(li);
      });
      const open = items.length > 0;
      this.list.hidden = !open;
      this.input.setAttribute('aria-expanded', String(open));
      this.status.textContent = this.input.value.trim().length >= 2 ? (open ? this.t.count(items.length) : this.t.none) : '';
    }
    move(delta) {
      if (this.items.length === 0) return;
      const options = this.list.querySelectorAll('li');
      if (this.active >= 0) options[this.active].setAttribute('aria-selected', 'false');
      this.active = (this.active + delta + this.items.length + 1) % (this.items.length + 1);
      if (this.active === this.items.length) this.active = -1;
      if (this.active >= 0) {
        const li = options[this.active];
        li.setAttribute('aria-selected', 'true');
        this.input.setAttribute('aria-activedescendant', li.id);
        li.scrollIntoView({ block: 'nearest' });
      } else {
        this.input.removeAttribute('aria-activedescendant');
      }
    }
    onKey(event) {
      const expanded = !this.list.hidden;
      if (event.key === 'ArrowDown') { event.preventDefault(); if (!expanded && this.items.length) this.render(this.items); this.move(1); }
      else if (event.key === 'ArrowUp') { event.preventDefault(); this.move(-1); }
      else if (event.key === 'Enter' && expanded && this.active >= 0) { event.preventDefault(); this.open(this.active); }
      else if (event.key === 'Escape') { if (expanded) { event.preventDefault(); this.close(); } else { this.input.value = ''; } }
    }
    close() {
      this.list.hidden = true;
      this.active = -1;
      this.input.setAttribute('aria-expanded', 'false');
      this.input.removeAttribute('aria-activedescendant');
    }
    open(index) {
      const item = this.items[index];
      if (!item) return;
      this.dispatchEvent(new CustomEvent('arsip-select', { detail: item, bubbles: true, composed: true }));
      location.assign(item.url);
    }
    submit() {
      const q = this.input.value.trim();
      const params = new URLSearchParams();
      if (q) params.set('q', q);
      const outlet = this.getAttribute('outlet');
      if (outlet) params.set('outlet', outlet);
      if (this.lang === 'en') params.set('lang', 'en');
      location.assign(this.api + '/?' + params);
    }
  }
  customElements.define('arsip-search', ArsipSearch);
})();
`;
