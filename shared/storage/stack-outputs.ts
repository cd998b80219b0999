/**
 * The outputs of the deployed stateful stack (`StrategyReport-<stage>-Stateful`), by key. The CDK
 * app writes them; the CLI's `--target aws --stack NAME` reads the resource names from them, so
 * neither hard-codes a physical name.
 */
export const STACK_OUTPUTS = {
  tableName: 'TableName',
  uploadsBucket: 'UploadsBucketName',
  reportsBucket: 'ReportsBucketName',
  auditorRoleArn: 'AuditorRoleArn',
} as const;

/**
 * The outputs of the deployed stateless stack (`StrategyReport-<stage>-Stateless`) the CLI reads:
 * `reconcile --replay --target aws` sends to the ingest queue named here.
 */
export const STATELESS_STACK_OUTPUTS = {
  ingestQueueUrl: 'IngestQueueUrl',
} as const;

/** Output key holding an office's upload location, e.g. `UploadPrefixOFO` = `s3://<bucket>/uploads/OFO/`. */
export const uploadPrefixOutput = (office: string) => `UploadPrefix${office}`;

/** Output key holding the ARN of an office's upload policy, e.g. `UploadPolicyOFO`. */
export const uploadPolicyOutput = (office: string) => `UploadPolicy${office}`;
