import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import document from '../../../shared/catalog/cbp-strategy-2024-2028.json' with { type: 'json' };
import { defaultCatalog } from '../../../shared/catalog/default-catalog';
import { loadCatalog } from '../../../shared/catalog/load-catalog';
import { InvalidInputError } from '../../../shared/domain/errors';

const directory = mkdtempSync(join(tmpdir(), 'catalog-test-'));

async function rejection(file: string): Promise<InvalidInputError> {
  const error = await loadCatalog(file).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(InvalidInputError);
  return error as InvalidInputError;
}

describe('loadCatalog', () => {
  it('uses the built-in CBP catalog when no file is given', async () => {
    expect((await loadCatalog()).id).toBe(defaultCatalog().id);
  });

  it('loads a replacement catalog from a file with the same schema', async () => {
    const file = join(directory, 'replacement.json');
    const replacement = structuredClone(document);
    replacement.version = '2.0.0';
    replacement.assignments['2.7.1'] = ['OFO', 'AMO'];
    writeFileSync(file, JSON.stringify(replacement));
    const catalog = await loadCatalog(file);
    expect(catalog.version).toBe('2.0.0');
    expect(catalog.keyActivity('2.7.1')?.offices).toEqual(['OFO', 'AMO']);
  });

  it('names the file when it cannot be read', async () => {
    const error = await rejection(join(directory, 'missing.json'));
    expect(error.problems[0]).toMatchObject({
      rule: 'catalog.readable',
      file: join(directory, 'missing.json'),
    });
    expect(error.message).toContain('ENOENT');
  });

  it('names the file when it is not JSON', async () => {
    const file = join(directory, 'broken.json');
    writeFileSync(file, '{ "id": ');
    const error = await rejection(file);
    expect(error.problems[0]?.rule).toBe('catalog.json');
    expect(error.message).toContain(`${file}: the catalog file is not valid JSON`);
  });

  it('names the file and the field when the schema is broken', async () => {
    const file = join(directory, 'schema.json');
    writeFileSync(file, JSON.stringify({ ...document, goals: [] }));
    const error = await rejection(file);
    expect(error.problems[0]).toMatchObject({ rule: 'catalog.schema', file });
    expect(error.problems[0]?.message).toMatch(/^goals: /);
  });
});
