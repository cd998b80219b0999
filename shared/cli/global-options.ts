import type { Command } from 'commander';
import { loadCatalog } from '../catalog/load-catalog';
import type { Dependencies } from '../composition/dependencies';
import { loadProductConfig, type ProductConfig } from '../config/product-config';
import type { Catalog } from '../domain/catalog/catalog';
import { localDependencies } from '../local/local-dependencies';
import { type LocalRuntime, openLocalRuntime } from '../local/local-runtime';

/** Options every command accepts (set before or after the command name). */
export interface GlobalOptions {
  readonly dataDir: string;
  readonly catalog?: string;
  readonly config?: string;
  readonly verbose?: boolean;
}

export const DEFAULT_DATA_DIR = '.local';

export function globalOptionsOf(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

/** The configuration, and the catalog it (or `--catalog`) selects. */
export async function loadSettings(
  options: GlobalOptions,
): Promise<{ config: ProductConfig; catalog: Catalog }> {
  const config = await loadProductConfig(options.config);
  const catalog = await loadCatalog(options.catalog ?? config.catalogFile);
  return { config, catalog };
}

/** Runs `work` against the embedded local servers on the data directory, then stops them. */
export async function withLocalRuntime<T>(
  options: GlobalOptions,
  work: (runtime: LocalRuntime) => Promise<T>,
): Promise<T> {
  const runtime = await openLocalRuntime({ dataDirectory: options.dataDir });
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}

/** Runs `work` with the full set of local dependencies (stores, repositories, outbox). */
export async function withLocalDependencies<T>(
  options: GlobalOptions,
  work: (dependencies: Dependencies, runtime: LocalRuntime) => Promise<T>,
): Promise<T> {
  const settings = await loadSettings(options);
  return withLocalRuntime(options, (runtime) => work(localDependencies(runtime, settings), runtime));
}
