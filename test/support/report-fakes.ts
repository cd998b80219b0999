import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { REPORT_FILES } from '../../shared/domain/report/report-files';
import type { RenderContext } from '../../shared/domain/report/report-model';
import type { RollupSnapshot } from '../../shared/domain/rollup/rollup-snapshot';
import type { ObjectStore } from '../../shared/ports/object-store';
import type { ReportRenderer } from '../../shared/ports/report-renderer';

/** A renderer that makes small deterministic files from the snapshot: for storage tests that need no real PDF. */
export const tinyRenderer: ReportRenderer = {
  async render(snapshot: RollupSnapshot, context: RenderContext) {
    return REPORT_FILES.map((file) => ({
      name: file.name,
      contentType: file.contentType,
      bytes: Buffer.from(
        `${file.name} of ${snapshot.period} from snapshot v${context.snapshotVersion} (${snapshot.inputHash})`,
      ),
    }));
  },
};

/** An object store that fails the way a dying render would: on the put `failOn` picks. */
export function failingStore(
  store: ObjectStore,
  failOn: (key: string, putIndex: number) => boolean,
): ObjectStore {
  let puts = 0;
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'put')
        return async (...args: Parameters<ObjectStore['put']>) => {
          const index = puts++;
          if (failOn(args[0], index)) throw new Error(`injected failure writing ${args[0]}`);
          return target.put(...args);
        };
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** A document client that stops answering once `isDead()` says so: a process that died mid-way. */
export function dyingDocuments(
  documents: DynamoDBDocumentClient,
  isDead: () => boolean,
): DynamoDBDocumentClient {
  return new Proxy(documents, {
    get(target, property, receiver) {
      if (property === 'send')
        return (...args: Parameters<DynamoDBDocumentClient['send']>) => {
          if (isDead()) return Promise.reject(new Error('the process died'));
          return (target.send as (...a: unknown[]) => Promise<unknown>)(...args);
        };
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
