import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';

/**
 * The parts of an uploaded .xlsx, read with yauzl: the same reader, and so the same view of the
 * file, as the safety checks in `xlsx-container-inspection.ts`. Parts are opened by name, one
 * stream at a time, each unpacked no further than the size its directory entry declares.
 *
 * Open it only on bytes that passed `inspectXlsxContainer`.
 */
export interface XlsxPackage {
  has(name: string): boolean;
  /** The part's bytes as a stream, or undefined when the package has no such part. */
  open(name: string): Promise<Readable | undefined>;
}

/** Opens the package, hands it to `work`, and closes it whatever happens. */
export async function withXlsxPackage<T>(bytes: Buffer, work: (pkg: XlsxPackage) => Promise<T>): Promise<T> {
  const zip: ZipFile = await yauzl.fromBufferPromise(bytes, {
    lazyEntries: true,
    validateEntrySizes: true,
    strictFileNames: true,
  });
  try {
    const entries = new Map<string, Entry>();
    for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry);
    return await work({
      has: (name) => entries.has(name),
      async open(name) {
        const entry = entries.get(name);
        return entry ? zip.openReadStreamPromise(entry) : undefined;
      },
    });
  } finally {
    zip.close();
  }
}
