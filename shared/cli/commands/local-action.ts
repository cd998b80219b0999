import { readdir } from 'node:fs/promises';
import { S3ObjectStore } from '../../adapters/s3/s3-object-store';
import { BUCKET_ROLES } from '../../storage/bucket-definitions';
import { type CliIo, printJson } from '../cli-io';
import { loadSettings, withLocalRuntime } from '../command-dependencies';
import type { GlobalOptions } from '../global-options';

async function countMessages(directory: string): Promise<number> {
  try {
    return (await readdir(directory)).filter((name) => name.endsWith('.eml')).length;
  } catch {
    return 0;
  }
}

export async function localAction(
  io: CliIo,
  options: { json?: boolean },
  globals: GlobalOptions,
): Promise<void> {
  const { catalog } = await loadSettings(globals);
  const result = await withLocalRuntime(globals, async (runtime) => {
    const buckets = [];
    for (const role of BUCKET_ROLES) {
      const store = new S3ObjectStore(runtime.clients.s3, runtime.names.buckets[role]);
      let objects = 0;
      for await (const _object of store.list('')) objects++;
      buckets.push({ role, name: store.bucket, objects });
    }
    return {
      dataDirectory: runtime.dataDirectory,
      servedBy: runtime.servedBy ? { ...runtime.servedBy, endpoints: runtime.endpoints } : null,
      created: runtime.created,
      table: runtime.names.tableName,
      buckets,
      outbox: {
        directory: runtime.outboxDirectory,
        messages: await countMessages(runtime.outboxDirectory),
      },
      catalog: {
        id: catalog.id,
        version: catalog.version,
        goals: catalog.goals.length,
        missionAreas: catalog.missionAreas.length,
        objectives: catalog.objectives.length,
        keyActivities: catalog.keyActivities.length,
        offices: catalog.offices.map((office) => office.code),
      },
    };
  });
  if (options.json) {
    printJson(io, result);
    return;
  }
  io.out(
    [
      `Local stores in ${result.dataDirectory}`,
      result.servedBy
        ? `  served by process ${result.servedBy.pid} (strategy-report serve, since ${result.servedBy.since}): DynamoDB ${result.servedBy.endpoints.dynamodb}, S3 ${result.servedBy.endpoints.s3}`
        : '  started for this command and stopped after it (strategy-report serve keeps them running)',
      result.created.length > 0
        ? `  created: ${result.created.join(', ')}`
        : '  nothing to create: table and buckets already there',
      `  DynamoDB table  ${result.table}`,
      ...result.buckets.map(
        (bucket) => `  S3 bucket       ${bucket.name} (${bucket.role}, ${bucket.objects} objects)`,
      ),
      `  outbox          ${result.outbox.directory} (${result.outbox.messages} messages)`,
      `Catalog ${result.catalog.id} v${result.catalog.version}: ${result.catalog.goals} goals, ${result.catalog.missionAreas} mission areas, ${result.catalog.objectives} objectives, ${result.catalog.keyActivities} key activities; offices ${result.catalog.offices.join(', ')}`,
      'Next: npx strategy-report catalog   (the plan as a tree)',
    ].join('\n'),
  );
}
