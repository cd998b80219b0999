/**
 * The one definition of the DynamoDB table: the CDK stateful stack and the local runtime both
 * build the table from this, so names of keys and indexes cannot drift apart.
 * The item types stored in it are described in docs/architecture.md.
 */
export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N';
}

export interface IndexDefinition {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
}

export interface TableDefinition {
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
  readonly globalSecondaryIndexes: readonly IndexDefinition[];
}

export const TABLE_DEFINITION = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalSecondaryIndexes: [
    /** Cross-partition listings: a period's attempts, every rollup snapshot, every report. */
    {
      indexName: 'gsi1',
      partitionKey: { name: 'gsi1pk', type: 'S' },
      sortKey: { name: 'gsi1sk', type: 'S' },
    },
  ],
} as const satisfies TableDefinition;

export const GSI1 = TABLE_DEFINITION.globalSecondaryIndexes[0];
