import type { Stack } from 'aws-cdk-lib';

/*
 * ARNs that resource policies name before the resource exists (or without referring to it, which
 * would make a dependency cycle): the `aws:SourceArn` values of the services acting for a stack.
 */

/** Every CloudWatch alarm of the stack's account and region. */
export const alarmArnPattern = (stack: Stack) =>
  `arn:${stack.partition}:cloudwatch:${stack.region}:${stack.account}:alarm:*`;

/** The trail of this name in the stack's account and region. */
export const trailArn = (stack: Stack, trailName: string) =>
  `arn:${stack.partition}:cloudtrail:${stack.region}:${stack.account}:trail/${trailName}`;
