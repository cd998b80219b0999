/** Stack names per stage: the only names this app fixes (no resource has a fixed physical name). */
export const stackNames = (stage: string) => ({
  stateful: `StrategyReport-${stage}-Stateful`,
  stateless: `StrategyReport-${stage}-Stateless`,
});

/**
 * The values the stateless stack imports from the stateful one, by export name. Explicit exports
 * (rather than CDK's generated ones) keep the contract between the two stacks readable and
 * stable, and let the stateless stack be replaced without touching the data.
 */
export const statefulExports = (stage: string) => {
  const prefix = `StrategyReport-${stage}`;
  return {
    dataKeyArn: `${prefix}-DataKeyArn`,
    tableName: `${prefix}-TableName`,
    tableArn: `${prefix}-TableArn`,
    uploadsBucketName: `${prefix}-UploadsBucketName`,
    uploadsBucketArn: `${prefix}-UploadsBucketArn`,
    reportsBucketName: `${prefix}-ReportsBucketName`,
    reportsBucketArn: `${prefix}-ReportsBucketArn`,
  } as const;
};

export type StatefulExports = ReturnType<typeof statefulExports>;
