import { mkdir, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import { installS3rverDurableWrites } from './s3rver-durable-writes';
import { installS3rverOpenSsl3Compat } from './s3rver-openssl3-compat';

export interface EmbeddedAws {
  readonly endpoints: { readonly dynamodb: string; readonly s3: string };
  /** Static credentials the embedded S3 server checks signatures against. */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  stop(): Promise<void>;
}

export interface EmbeddedAwsOptions {
  /** Where data persists between runs; in memory (DynamoDB) and a temp folder (S3) when absent. */
  readonly dataDirectory?: string;
}

const LOOPBACK = '127.0.0.1';
/** The static credentials s3rver checks signatures against (nothing secret: it listens on 127.0.0.1 only). */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/**
 * Starts a DynamoDB-compatible server (dynalite) and an S3-compatible server (s3rver) inside
 * this process, on 127.0.0.1 with ports the OS picks. Nothing leaves the machine.
 */
export async function startEmbeddedAws(options: EmbeddedAwsOptions): Promise<EmbeddedAws> {
  installS3rverOpenSsl3Compat();
  installS3rverDurableWrites();
  const dataDirectory = options.dataDirectory;
  if (dataDirectory) await mkdir(dataDirectory, { recursive: true });

  const dynamoServer: Server = dynalite({
    ...(dataDirectory ? { path: join(dataDirectory, 'dynamodb') } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await listen(dynamoServer).catch((error: unknown) => {
    throw explainLockError(error, dataDirectory);
  });
  const dynamoPort = (dynamoServer.address() as AddressInfo).port;

  const s3Directory = dataDirectory
    ? join(dataDirectory, 's3')
    : join((await import('node:os')).tmpdir(), `strategy-report-s3-${process.pid}-${Date.now()}`);
  await mkdir(s3Directory, { recursive: true });
  const s3Server = new S3rver({
    address: LOOPBACK,
    port: 0,
    silent: true,
    directory: s3Directory,
    resetOnClose: !dataDirectory,
    vhostBuckets: false,
  });
  let s3Address: { port: number };
  try {
    s3Address = await s3Server.run();
  } catch (error) {
    await closeServer(dynamoServer);
    throw error;
  }

  return {
    endpoints: {
      dynamodb: `http://${LOOPBACK}:${dynamoPort}`,
      s3: `http://${LOOPBACK}:${s3Address.port}`,
    },
    credentials: S3RVER_CREDENTIALS,
    async stop() {
      await Promise.all([s3Server.close(), closeServer(dynamoServer)]);
      // Without a data directory the store was a scratch folder: s3rver empties it, we remove it.
      if (!dataDirectory) await rm(s3Directory, { recursive: true, force: true });
    },
  };
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

function explainLockError(error: unknown, dataDirectory: string | undefined): Error {
  const text = String((error as Error)?.message ?? error);
  if (dataDirectory && /lock/i.test(text)) {
    return new Error(
      `the local data directory ${dataDirectory} is in use by another strategy-report process; wait for it to finish or use --data-dir`,
    );
  }
  return error instanceof Error ? error : new Error(text);
}
