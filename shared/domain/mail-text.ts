import { z } from 'zod';

/**
 * Text that ends up in an e-mail header (subject, display names, file names) often comes from
 * data a submitter typed. Line breaks there would let them add headers; control characters
 * confuse mail clients. Both are replaced, and the result is capped.
 */
export function sanitizeHeaderText(value: string, maxLength = 200): string {
  const cleaned = value
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned.length > maxLength ? `${cleaned.slice(0, maxLength - 1)}…` : cleaned;
}

/** An attachment file name: letters, digits, dot, dash, underscore, and not empty. */
export function sanitizeFileName(value: string, fallback = 'attachment'): string {
  const cleaned = value
    .replace(/^.*[\\/]/, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, 120);
  return cleaned === '' ? fallback : cleaned;
}

const emailSchema = z.email();

/** True for a single plain address (no display name, no list, no line breaks). */
export function isEmailAddress(value: string): boolean {
  return emailSchema.safeParse(value).success;
}
