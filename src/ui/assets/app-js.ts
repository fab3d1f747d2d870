/**
 * The pages' progressive enhancement, served from /assets/app.js. Everything it does is also
 * possible without it (forms and links carry the state); it only saves clicks.
 */
export const APP_JS = `(() => {
  'use strict';
  // Search inside long facet lists: hide what does not match, open "show all" while filtering.
  for (const facet of document.querySelectorAll('.facet')) {
    const input = facet.querySelector('.facet-filter');
    if (!input) continue;
    input.hidden = false;
    const more = facet.querySelector('details.facet-more');
    input.addEventListener('input', () => {
      const needle = input.value.trim().toLowerCase();
      if (more) more.open = needle !== '' || more.dataset.userOpen === '1';
      for (const item of facet.querySelectorAll('.facet-item')) {
        const own = (item.dataset.value || '').includes(needle);
        const child = [...item.querySelectorAll('.facet-children .facet-item')].some((c) => (c.dataset.value || '').includes(needle));
        item.hidden = needle !== '' && !own && !child;
      }
    });
  }
  // Sorting applies at once.
  for (const select of document.querySelectorAll('select[data-autosubmit]')) {
    select.addEventListener('change', () => select.form && select.form.submit());
  }
  // "/" jumps to the search box, as on many search sites.
  document.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return;
    const box = document.getElementById('q');
    if (box) { event.preventDefault(); box.focus(); box.select(); }
  });
  // "Back to search" returns to the exact results page when we came from it.
  for (const link of document.querySelectorAll('a[data-back]')) {
    link.addEventListener('click', (event) => {
      if (document.referrer && new URL(document.referrer).origin === location.origin && history.length > 1) {
        event.preventDefault();
        history.back();
      }
    });
  }
  // On narrow screens the filters fold away behind a toggle (without script they follow the results).
  const jump = document.querySelector('.filters-jump');
  const layout = document.querySelector('.search-layout');
  if (jump && layout) {
    jump.setAttribute('role', 'button');
    jump.setAttribute('aria-expanded', 'false');
    jump.addEventListener('click', (event) => {
      event.preventDefault();
      const open = layout.classList.toggle('filters-open');
      jump.setAttribute('aria-expanded', String(open));
      if (open) document.getElementById('filters').scrollIntoView({ block: 'start' });
    });
  }
  document.documentElement.classList.add('js');
})();
`;
