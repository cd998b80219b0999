import { mkdtempSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type AwsClients, createAwsClients } from '../adapters/aws/aws-clients';
import { LOCAL_RESOURCE_NAMES, type ResourceNames } from '../storage/resource-names';
import {
  type ClaimOptions,
  claimDataDirectory,
  type DataDirectoryClaim,
  type ServingOwner,
} from './claim-data-directory';
import { DEFAULT_WAIT_SECONDS } from './data-directory-wait';
import { type EmbeddedAws, S3RVER_CREDENTIALS, startEmbeddedAws } from './embedded-aws';
import { provisionLocalResources } from './provision-local-resources';

/** Everything the product needs to run on this machine, with no AWS account. */
export interface LocalRuntime {
  readonly dataDirectory: string | undefined;
  readonly clients: AwsClients;
  readonly names: ResourceNames;
  readonly endpoints: EmbeddedAws['endpoints'];
  /** Where e-mail goes instead of SES. */
  readonly outboxDirectory: string;
  /** What this start had to create (empty when the data directory already held it all). */
  readonly created: readonly string[];
  /** The `strategy-report serve` process whose servers this runtime uses, when it runs none of its own. */
  readonly servedBy?: { readonly pid: number; readonly since: string };
  close(): Promise<void>;
}

export const LOCAL_REGION = 'us-east-1';

export interface LocalRuntimeOptions {
  /** Where data persists between runs; everything in memory when absent (tests). */
  readonly dataDirectory?: string;
  readonly outboxDirectory?: string;
  /** What runs (a CLI command), named to whoever has to wait for this process. */
  readonly command?: string;
  /** How long to wait for a data directory another process owns (default 30 s). */
  readonly waitSeconds?: number;
  readonly onWait?: ClaimOptions['onWait'];
}

/**
 * The local stores on the data directory: the servers of a running `strategy-report serve` when
 * there is one, else embedded servers started in this process, which then owns the directory
 * (others wait for it, see claim-data-directory.ts) until `close()`. Either way the same AWS SDK
 * clients the Lambdas use, and the table and buckets made sure to exist. With no data directory
 * everything is in memory and nothing is shared.
 */
export async function openLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const dataDirectory = options.dataDirectory ? resolve(options.dataDirectory) : undefined;
  if (!dataDirectory) return startOwnServers(undefined, options);
  const claimed = await claim(dataDirectory, options, true);
  if (claimed.kind === 'served') return useServed(dataDirectory, claimed.owner, options);
  return startOwnServers(dataDirectory, options, claimed);
}

/**
 * What `strategy-report serve` runs: owns the data directory, starts the servers and records
 * where they listen, so every other command on the directory uses them until `close()`.
 */
export async function serveLocalStores(
  options: LocalRuntimeOptions & { readonly dataDirectory: string },
): Promise<LocalRuntime> {
  const dataDirectory = resolve(options.dataDirectory);
  const claimed = await claim(dataDirectory, { ...options, command: options.command ?? 'serve' }, false);
  if (claimed.kind !== 'owned') throw new Error('unreachable: serve never uses another serve');
  const runtime = await startOwnServers(dataDirectory, options, claimed);
  claimed.publish({ endpoints: runtime.endpoints, outboxDirectory: runtime.outboxDirectory });
  return runtime;
}

async function claim(
  dataDirectory: string,
  options: LocalRuntimeOptions,
  acceptServed: boolean,
): Promise<DataDirectoryClaim> {
  await mkdir(dataDirectory, { recursive: true });
  return claimDataDirectory(dataDirectory, {
    command: options.command ?? 'local runtime',
    waitSeconds: options.waitSeconds ?? DEFAULT_WAIT_SECONDS,
    acceptServed,
    ...(options.onWait ? { onWait: options.onWait } : {}),
  });
}

/** Clients on a running `serve`'s servers; closing them leaves the servers (and the directory) to it. */
function useServed(dataDirectory: string, owner: ServingOwner, options: LocalRuntimeOptions): LocalRuntime {
  const clients = createAwsClients({
    region: LOCAL_REGION,
    endpoints: owner.serving.endpoints,
    credentials: S3RVER_CREDENTIALS,
  });
  return {
    dataDirectory,
    clients,
    names: LOCAL_RESOURCE_NAMES,
    endpoints: owner.serving.endpoints,
    outboxDirectory: options.outboxDirectory ?? owner.serving.outboxDirectory,
    created: [],
    servedBy: { pid: owner.pid, since: owner.since },
    async close() {
      clients.destroy();
    },
  };
}

/** Embedded servers in this process; on a data directory, under the claim this process holds. */
async function startOwnServers(
  dataDirectory: string | undefined,
  options: LocalRuntimeOptions,
  claimed?: Extract<DataDirectoryClaim, { kind: 'owned' }>,
): Promise<LocalRuntime> {
  let embedded: EmbeddedAws;
  try {
    embedded = await startEmbeddedAws(dataDirectory ? { dataDirectory } : {});
  } catch (error) {
    await claimed?.release();
    throw error;
  }
  const clients = createAwsClients({
    region: LOCAL_REGION,
    endpoints: embedded.endpoints,
    credentials: embedded.credentials,
  });
  const stop = async () => {
    claimed?.withdraw();
    clients.destroy();
    await embedded.stop();
    await claimed?.release();
  };
  try {
    const { created } = await provisionLocalResources(clients, LOCAL_RESOURCE_NAMES);
    return {
      dataDirectory,
      clients,
      names: LOCAL_RESOURCE_NAMES,
      endpoints: embedded.endpoints,
      outboxDirectory:
        options.outboxDirectory ??
        (dataDirectory
          ? join(dataDirectory, 'outbox')
          : mkdtempSync(join(tmpdir(), 'strategy-report-outbox-'))),
      created,
      close: stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
