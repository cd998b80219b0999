import { RemovalPolicy } from 'aws-cdk-lib';
import type { StageConfig } from '../config/stage-config';

/**
 * For what can be rebuilt (log groups, a non-production table): kept in production, removed with
 * the stack elsewhere. Buckets, keys, the trail bucket and the backup vault are always retained.
 */
export const removalPolicyFor = (config: Pick<StageConfig, 'production'>): RemovalPolicy =>
  config.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
