import { readFile } from 'node:fs/promises';
import type { Catalog } from '../domain/catalog/catalog';
import { parseCatalog } from '../domain/catalog/catalog';
import { InvalidInputError } from '../domain/errors';
import { defaultCatalog } from './default-catalog';

/**
 * The catalog in force: the one in `file` when given (flag `--catalog` or config `catalogFile`),
 * otherwise the shipped CBP catalog. A bad file is an input error naming the file.
 */
export async function loadCatalog(file?: string): Promise<Catalog> {
  if (file === undefined) return defaultCatalog();
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (error) {
    throw new InvalidInputError({
      rule: 'catalog.readable',
      message: `cannot read the catalog file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      file,
    });
  }
  let document: unknown;
  try {
    document = JSON.parse(raw);
  } catch (error) {
    throw new InvalidInputError({
      rule: 'catalog.json',
      message: `the catalog file is not valid JSON: ${(error as Error).message}`,
      file,
    });
  }
  return parseCatalog(document, file);
}
