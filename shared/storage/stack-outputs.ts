/**
 * The CloudFormation output keys of the stateful stack. The CDK stack declares its outputs with
 * these keys and the CLI's `--target aws --stack NAME` reads them back, so an auditor's commands
 * find the deployed table and buckets without knowing their generated names.
 */
export const STACK_OUTPUT_KEYS = {
  tableName: 'TableName',
  uploadsBucket: 'UploadsBucketName',
  reportsBucket: 'ReportsBucketName',
} as const;
