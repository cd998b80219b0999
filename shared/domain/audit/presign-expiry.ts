import { InvalidInputError } from '../errors';

/** How long a presigned download link lasts unless asked otherwise: one hour. */
export const DEFAULT_URL_EXPIRY_SECONDS = 3600;
/** Seven days: the longest a SigV4 presigned URL can be valid (S3 refuses longer ones). */
export const MAX_URL_EXPIRY_SECONDS = 604_800;

/** `--expires SECONDS`: a whole number from 1 to 604800. */
export function parseUrlExpiry(text: string | undefined): number {
  if (text === undefined) return DEFAULT_URL_EXPIRY_SECONDS;
  const seconds = /^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_URL_EXPIRY_SECONDS)
    throw new InvalidInputError({
      rule: 'url.expires',
      message: `"${text}" is not a valid expiry: give whole seconds from 1 to ${MAX_URL_EXPIRY_SECONDS} (7 days, the longest S3 allows for a presigned URL)`,
      column: '--expires',
    });
  return seconds;
}
