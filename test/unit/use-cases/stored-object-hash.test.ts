import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../shared/domain/sha256';
import { hashStoredObject } from '../../../shared/use-cases/stored-object-hash';
import { InMemoryObjectStore } from '../../support/fakes/in-memory-object-store';

describe('hashStoredObject', () => {
  it('gives the SHA-256 and size of a stored object, and undefined for one not stored', async () => {
    const store = new InMemoryObjectStore();
    const bytes = Buffer.from('x'.repeat(100_000));
    await store.put('reports/a', bytes);
    expect(await hashStoredObject(store, 'reports/a')).toEqual({ sha256: sha256Hex(bytes), size: 100_000 });
    expect(await hashStoredObject(store, 'reports/missing')).toBeUndefined();
  });
});
