/**
 * A tiny HTML template tag: interpolated values are escaped unless they are already {@link SafeHtml}
 * (built by this tag or by {@link raw}); arrays are joined; null, undefined and false render nothing.
 * Synchronous on purpose: pages are rendered in one pass after the data is fetched.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | HtmlValue[];

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Marks text that is already safe HTML (e.g. the API's titleHtml, escaped with only <mark> added). */
export function raw(trusted: string): SafeHtml {
  return new SafeHtml(trusted);
}
