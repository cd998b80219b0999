import { printableText } from '../../domain/report/report-text';

/** Escapes text for an HTML element or a quoted attribute, after dropping what HTML cannot carry. */
export function escapeHtml(value: string | number | null | undefined): string {
  return printableText(String(value ?? ''))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** An id attribute from catalog ids ("2.5", "national-security"): letters, digits and dashes only. */
export function htmlId(...parts: readonly string[]): string {
  return parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
