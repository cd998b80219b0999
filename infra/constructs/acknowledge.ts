import { Stack, Validations } from 'aws-cdk-lib';
// cdk-nag names a wildcard-resource finding by this flattening of the resolved resource; using
// the same function keeps the acknowledged id and the reported one identical.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import type { IConstruct } from 'constructs';

/** A cdk-nag finding accepted on one construct, with the reason a reviewer reads. */
export interface Acknowledgement {
  /** The exact finding id, e.g. `AwsSolutions-IAM5[Action::kms:GenerateDataKey*]`. */
  readonly id: string;
  readonly reason: string;
}

/**
 * Acknowledges findings on one construct (and what it contains) only: never on a stack or the
 * app, so a new resource with the same problem is still reported.
 */
export function acknowledge(construct: IConstruct, ...findings: Acknowledgement[]): void {
  Validations.of(construct).acknowledge(...findings);
}

/**
 * Acknowledges `AwsSolutions-IAM5[Resource::...]` for each given resource ARN pattern (a key
 * prefix such as `<bucket>/reports/*`) on the policy that grants it: one finding per resource,
 * named exactly as cdk-nag names it.
 */
export function acknowledgeWildcardResources(
  policy: IConstruct,
  resources: readonly string[],
  reason: string,
): void {
  for (const resource of resources) {
    acknowledge(policy, { id: wildcardResourceFinding(policy, resource), reason });
  }
}

export function wildcardResourceFinding(scope: IConstruct, resource: string): string {
  return `AwsSolutions-IAM5[Resource::${flattenCfnReference(Stack.of(scope).resolve(resource))}]`;
}
