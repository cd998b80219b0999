import type { Catalog } from '../domain/catalog/catalog';
import { parseCatalog } from '../domain/catalog/catalog';
import document from './cbp-strategy-2024-2028.json' with { type: 'json' };

/** The CBP Strategy 2024–2028 catalog that ships with the product (imported, so bundles carry it). */
export function defaultCatalog(): Catalog {
  return parseCatalog(document, 'cbp-strategy-2024-2028.json');
}
