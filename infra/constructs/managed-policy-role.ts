import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

/**
 * An IAM role whose every grant lands in one customer-managed policy attached to it, instead of
 * an inline policy: NIST 800-53 (AC-6) reviews prefer managed policies, which can be inspected
 * and versioned on their own. CDK's `grant*` helpers and this project's bind helpers all go
 * through `addToPrincipalPolicy`, so nothing bypasses it.
 */
export class ManagedPolicyRole extends iam.Role {
  readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: iam.RoleProps) {
    super(scope, id, props);
    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      roles: [this],
      description: `Everything ${this.node.path} may do`,
    });
  }

  override addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    this.policy.addStatements(statement);
    return { statementAdded: true, policyDependable: this.policy };
  }
}
