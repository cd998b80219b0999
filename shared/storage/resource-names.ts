import type { BucketRole } from './bucket-definitions';
import { BUCKET_DEFINITIONS, LOCAL_TABLE_NAME } from './bucket-definitions';

/** The physical names of the table and buckets, wherever they are. */
export interface ResourceNames {
  readonly tableName: string;
  readonly buckets: Readonly<Record<BucketRole, string>>;
}

export const LOCAL_RESOURCE_NAMES: ResourceNames = {
  tableName: LOCAL_TABLE_NAME,
  buckets: {
    uploads: BUCKET_DEFINITIONS.uploads.localName,
    reports: BUCKET_DEFINITIONS.reports.localName,
  },
};
