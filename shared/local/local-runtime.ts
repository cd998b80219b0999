import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type AwsClients, createAwsClients } from '../adapters/aws/aws-clients';
import { LOCAL_RESOURCE_NAMES, type ResourceNames } from '../storage/resource-names';
import { type EmbeddedAws, startEmbeddedAws } from './embedded-aws';
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
  close(): Promise<void>;
}

export const LOCAL_REGION = 'us-east-1';

/**
 * Starts the embedded servers, connects the same AWS SDK clients the Lambdas use to them, and
 * makes sure the table and buckets exist. With no data directory everything is in memory
 * (tests); with one, data persists there between runs.
 */
export async function openLocalRuntime(
  options: { dataDirectory?: string; outboxDirectory?: string } = {},
): Promise<LocalRuntime> {
  const dataDirectory = options.dataDirectory ? resolve(options.dataDirectory) : undefined;
  const embedded = await startEmbeddedAws(dataDirectory ? { dataDirectory } : {});
  const clients = createAwsClients({
    region: LOCAL_REGION,
    endpoints: embedded.endpoints,
    credentials: embedded.credentials,
  });
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
      async close() {
        clients.destroy();
        await embedded.stop();
      },
    };
  } catch (error) {
    clients.destroy();
    await embedded.stop();
    throw error;
  }
}
