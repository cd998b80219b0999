import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultCatalog } from '../../shared/catalog/default-catalog';
import { parseProductConfig } from '../../shared/config/product-config';
import { localDependencies } from '../../shared/local/local-dependencies';
import { type LocalRuntime, openLocalRuntime } from '../../shared/local/local-runtime';

/** A fresh data directory for a test run (the OS temp folder, never the repository). */
export function temporaryDataDirectory(label = 'data'): string {
  return mkdtempSync(join(tmpdir(), `strategy-report-${label}-`));
}

/** The local stores of `dataDirectory`, open for `work` only (so a CLI run in between can open them). */
export async function withDataDirectory<T>(
  dataDirectory: string,
  work: (runtime: LocalRuntime) => Promise<T>,
): Promise<T> {
  const runtime = await openLocalRuntime({ dataDirectory });
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}

/** Changes one byte (index 100) of a stored report-bucket object for the duration of `check`. */
export async function withTamperedReportObject(
  dataDirectory: string,
  key: string,
  check: () => Promise<void>,
): Promise<void> {
  const reportsOf = (runtime: LocalRuntime) =>
    localDependencies(runtime, { catalog: defaultCatalog(), config: parseProductConfig({}) }).reportObjects;
  const original = await withDataDirectory(dataDirectory, async (runtime) => {
    const bytes = await reportsOf(runtime).get(key);
    const changed = Buffer.from(bytes);
    changed[100] = (changed[100] as number) ^ 0x20;
    await reportsOf(runtime).put(key, changed);
    return bytes;
  });
  try {
    await check();
  } finally {
    await withDataDirectory(dataDirectory, (runtime) => reportsOf(runtime).put(key, original));
  }
}
