/**
 * The buckets the product uses, by role. The CDK stack creates them with generated names; the
 * local runtime creates them with the fixed local names below. Code receives the actual names
 * through configuration and never assumes either.
 */
export const BUCKET_ROLES = ['uploads', 'reports'] as const;
export type BucketRole = (typeof BUCKET_ROLES)[number];

export interface BucketDefinition {
  readonly role: BucketRole;
  /** Why the bucket exists, for humans reading the stack. */
  readonly purpose: string;
  /** Versions of every object are kept (AWS only: the local server has no versioning). */
  readonly versioned: boolean;
  /** Object Lock (write once, read many) on the bucket (AWS only). */
  readonly objectLock: boolean;
  /** The name used by the local runtime. */
  readonly localName: string;
}

export const BUCKET_DEFINITIONS: Readonly<Record<BucketRole, BucketDefinition>> = {
  uploads: {
    role: 'uploads',
    purpose:
      'Office workbooks as uploaded (uploads/<office>/<period>/...) and annotated copies of rejected ones',
    versioned: true,
    objectLock: false,
    localName: 'strategy-report-uploads',
  },
  reports: {
    role: 'reports',
    purpose: 'Rendered reports with their manifests (reports/<period>/...) and rollup snapshots',
    versioned: true,
    objectLock: true,
    localName: 'strategy-report-reports',
  },
};

/** The table's name when running locally. */
export const LOCAL_TABLE_NAME = 'strategy-report';
