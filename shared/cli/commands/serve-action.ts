import { InvalidInputError } from '../../domain/errors';
import { serveLocalStores } from '../../local/local-runtime';
import type { CliIo } from '../cli-io';
import { localRuntimeOptions } from '../command-dependencies';
import type { GlobalOptions } from '../global-options';

export interface ServeOptions {
  readonly json?: boolean;
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * `strategy-report serve`: 1. own the data directory (waiting like any command), start the
 * servers and record them; 2. say so in one line; 3. serve until SIGINT or SIGTERM; 4. remove
 * the record, stop the servers (the database closes, flushing what it holds), let the directory go.
 */
export async function serveAction(io: CliIo, options: ServeOptions, globals: GlobalOptions): Promise<void> {
  if ((globals.target ?? 'local') !== 'local')
    throw new InvalidInputError({
      rule: 'serve.target',
      message: 'serve runs the local stores; there is nothing to serve for --target aws',
      column: '--target',
    });
  const runtime = await serveLocalStores(localRuntimeOptions(globals));
  const directory = runtime.dataDirectory as string;
  if (options.json)
    io.out(
      JSON.stringify({
        serving: directory,
        pid: process.pid,
        endpoints: runtime.endpoints,
        outbox: runtime.outboxDirectory,
        created: runtime.created,
      }),
    );
  else
    io.out(
      `serving ${directory} (process ${process.pid}): DynamoDB ${runtime.endpoints.dynamodb}, S3 ${runtime.endpoints.s3}, outbox ${runtime.outboxDirectory}${runtime.created.length > 0 ? `; created ${runtime.created.join(', ')}` : ''}. Commands on this data directory use it; stop with Ctrl-C`,
    );
  const signal = await stopSignal();
  if (!options.json) io.out(`${signal}: stopping`);
  await runtime.close();
  if (!options.json) io.out(`stopped: ${directory} is flushed and free`);
}

/** The first stop signal; a second one while stopping ends the process at once. */
function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const first = (signal: string) => {
      for (const name of STOP_SIGNALS) process.off(name, first);
      for (const name of STOP_SIGNALS) process.once(name, () => process.exit(130));
      resolve(signal);
    };
    for (const name of STOP_SIGNALS) process.on(name, first);
  });
}
