import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The strategy document the catalog was extracted from, as committed in docs/sources. */
export const SEED_PATH = fileURLToPath(
  new URL('../../docs/sources/cbp-strategy-2024-2028.txt', import.meta.url),
);
/** The copy provided beside the repository, when this checkout has one. */
export const SHARED_SEED_PATH = fileURLToPath(
  new URL('../../../shared/seeds/cbp-strategy-2024-2028.txt', import.meta.url),
);

export function readSeed(): string {
  return readFileSync(SEED_PATH, 'utf8');
}

export function sharedSeedIfPresent(): string | undefined {
  return existsSync(SHARED_SEED_PATH) ? readFileSync(SHARED_SEED_PATH, 'utf8') : undefined;
}

/** Whitespace runs become one space and spaces before punctuation go: the PDF-to-text seed has both. */
export function normalizeText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/ ([.,;:])/g, '$1')
    .trim();
}
