/**
 * What a function may do with the product's data, declared beside its entry file
 * (./function-entries.ts): the stateless stack grants exactly this, and test/infra/data-access
 * runs the real handlers on the embedded servers to check that they call exactly these actions
 * and touch only these key prefixes.
 */

/** DynamoDB actions on the table (and its indexes). */
export const TABLE_ACTIONS = [
  'GetItem',
  'Query',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
] as const;
export type TableAction = (typeof TABLE_ACTIONS)[number];

/** The actions that only read: they need the key to decrypt, the others to encrypt as well. */
export const TABLE_READ_ACTIONS: readonly TableAction[] = ['GetItem', 'Query'];

export interface BucketAccess {
  /** Key prefixes (ending in '/') whose objects, and their versions, the function reads. */
  readonly read?: readonly string[];
  /** Key prefixes whose objects the function writes. */
  readonly write?: readonly string[];
}

export interface DataAccess {
  /** Exactly the table actions the function's code calls, each with its reason in the entry. */
  readonly table: readonly TableAction[];
  readonly uploads?: BucketAccess;
  readonly reports?: BucketAccess;
  /** Sends e-mail through SES (From the configured sender only). */
  readonly mail?: boolean;
}
