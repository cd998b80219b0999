import { readFile } from 'node:fs/promises';
import { readStratmlDocument } from '../adapters/stratml/read-stratml-document';
import type { Catalog } from '../domain/catalog/catalog';
import { parseCatalog } from '../domain/catalog/catalog';
import { InvalidInputError } from '../domain/errors';
import type { StratmlWarning } from '../domain/stratml/stratml-document';
import { stratmlToCatalog } from '../domain/stratml/stratml-to-catalog';
import { defaultCatalog } from './default-catalog';

export interface LoadedCatalog {
  readonly catalog: Catalog;
  /** `json`: a catalog file (docs/catalog.md); `stratml`: a StratML document (docs/stratml.md). */
  readonly format: 'default' | 'json' | 'stratml';
  /** What an imported StratML document deviated in, each with its element path. */
  readonly warnings: readonly StratmlWarning[];
}

/**
 * The catalog in force: the one in `file` when given (flag `--catalog` or config `catalogFile`),
 * otherwise the shipped CBP catalog. A bad file is an input error naming the file.
 */
export async function loadCatalog(file?: string): Promise<Catalog> {
  return (await loadCatalogSource(file)).catalog;
}

/**
 * As `loadCatalog`, with how the file was read and, for a StratML document, its warnings. The
 * file is a JSON catalog or a StratML document, told apart by its first character (`{` or `<`,
 * after any byte order mark), not by its name.
 */
export async function loadCatalogSource(file?: string): Promise<LoadedCatalog> {
  if (file === undefined) return { catalog: defaultCatalog(), format: 'default', warnings: [] };
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new InvalidInputError({
      rule: 'catalog.readable',
      message: `cannot read the catalog file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      file,
    });
  }
  if (looksLikeXml(bytes)) {
    const { document, warnings: reading } = readStratmlDocument(bytes, file);
    const { catalog, warnings: mapping } = stratmlToCatalog(document, file);
    return { catalog: parseCatalog(catalog, file), format: 'stratml', warnings: [...reading, ...mapping] };
  }
  let document: unknown;
  try {
    document = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new InvalidInputError({
      rule: 'catalog.json',
      message: `the catalog file is not valid JSON (nor XML, which would start with <): ${(error as Error).message}`,
      file,
    });
  }
  return { catalog: parseCatalog(document, file), format: 'json', warnings: [] };
}

/** XML starts with `<` after an optional BOM (UTF-8 or UTF-16) and whitespace. */
function looksLikeXml(bytes: Buffer): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true;
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let index = start; index < Math.min(bytes.length, start + 4096); index += 1) {
    const byte = bytes[index];
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) continue;
    return byte === 0x3c;
  }
  return false;
}
