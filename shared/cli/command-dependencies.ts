/**
 * What a command's action needs to reach its data: the settings, the local stores or a deployed
 * stack. Imported by the action modules only (it loads the AWS SDK), never by a registration.
 */
import { type AwsClients, createAwsClients } from '../adapters/aws/aws-clients';
import { resolveStackResources } from '../adapters/aws/stack-resources';
import { SesMailSender } from '../adapters/mail/ses-mail-sender';
import { loadCatalog } from '../catalog/load-catalog';
import { buildDependencies, type Dependencies } from '../composition/dependencies';
import { loadProductConfig, type ProductConfig } from '../config/product-config';
import type { Catalog } from '../domain/catalog/catalog';
import { InvalidInputError } from '../domain/errors';
import { localDependencies } from '../local/local-dependencies';
import { type LocalRuntime, type LocalRuntimeOptions, openLocalRuntime } from '../local/local-runtime';
import { systemClock } from '../ports/clock';
import type { GlobalOptions } from './global-options';
import { waitSeconds } from './wait-option';

/** The configuration, and the catalog it (or `--catalog`) selects. */
export async function loadSettings(
  options: GlobalOptions,
): Promise<{ config: ProductConfig; catalog: Catalog }> {
  const config = await loadProductConfig(options.config);
  const catalog = await loadCatalog(options.catalog ?? config.catalogFile);
  return { config, catalog };
}

/** Where the local stores are and how long to wait for them, from the options. */
export function localRuntimeOptions(options: GlobalOptions): LocalRuntimeOptions & { dataDirectory: string } {
  const seconds = waitSeconds(options.wait);
  return {
    dataDirectory: options.dataDir,
    command: options.command ?? 'command',
    waitSeconds: seconds,
    onWait: (owner) => {
      // Said only to a person at a terminal; a script gets one line if the wait runs out.
      if (process.stderr.isTTY)
        process.stderr.write(
          `waiting up to ${seconds} s for ${options.dataDir}: in use by ${owner ? `process ${owner.pid} (strategy-report ${owner.command})` : 'another process'}\n`,
        );
    },
  };
}

/**
 * Runs `work` against the local stores of the data directory — a running `serve`'s, or embedded
 * servers started for it and stopped after it — then lets the directory go.
 */
export async function withLocalRuntime<T>(
  options: GlobalOptions,
  work: (runtime: LocalRuntime) => Promise<T>,
): Promise<T> {
  const runtime = await openLocalRuntime(localRuntimeOptions(options));
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

/** The deployed stack a command runs against, for what `Dependencies` does not hold (its other outputs). */
export interface DeployedStack {
  readonly clients: AwsClients;
  readonly region: string;
  /** The stateful stack's name, as given. */
  readonly stack: string;
}

/**
 * Runs `work` against the target the options name: the local stores, or a deployed stack
 * (`--target aws --stack NAME`: resource names from the stack's outputs, credentials and region
 * from the standard AWS chain or `--region`).
 */
export async function withTargetDependencies<T>(
  options: GlobalOptions,
  work: (dependencies: Dependencies, aws?: DeployedStack) => Promise<T>,
): Promise<T> {
  if ((options.target ?? 'local') === 'local')
    return withLocalDependencies(options, (dependencies) => work(dependencies));
  if (!options.stack) {
    throw new InvalidInputError({
      rule: 'target.stack',
      message: '--target aws needs --stack NAME (the stateful stack)',
    });
  }
  const region = options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (!region) {
    throw new InvalidInputError({
      rule: 'target.region',
      message: '--target aws needs --region or AWS_REGION',
    });
  }
  const { config, catalog } = await loadSettings(options);
  const clients = createAwsClients({ region });
  try {
    const names = await resolveStackResources(clients.cloudformation, options.stack);
    return await work(
      buildDependencies({
        clients,
        names,
        catalog,
        config,
        clock: systemClock,
        mail: new SesMailSender(clients.ses),
      }),
      { clients, region, stack: options.stack },
    );
  } finally {
    clients.destroy();
  }
}
