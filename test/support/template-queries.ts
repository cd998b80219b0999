import type { Template } from 'aws-cdk-lib/assertions';

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation resources are untyped JSON
export type CfnResource = { Type: string; Properties: any; DeletionPolicy?: string; DependsOn?: string[] };

export interface Statement {
  readonly effect: 'Allow' | 'Deny';
  readonly actions: string[];
  readonly resources: unknown[];
  readonly condition?: unknown;
}

const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

export function resourcesOfType(template: Template, type: string): Record<string, CfnResource> {
  return template.findResources(type) as Record<string, CfnResource>;
}

/** The statements of a policy resource (managed or inline), normalised. */
export function statementsOf(policy: CfnResource): Statement[] {
  return asArray(policy.Properties.PolicyDocument.Statement).map(
    (statement: {
      Effect: 'Allow' | 'Deny';
      Action: string | string[];
      Resource: unknown;
      Condition?: unknown;
    }) => ({
      effect: statement.Effect,
      actions: asArray(statement.Action),
      resources: asArray(statement.Resource),
      ...(statement.Condition ? { condition: statement.Condition } : {}),
    }),
  );
}

export const allowStatements = (statements: Statement[]) => statements.filter((s) => s.effect === 'Allow');

/** Every identity policy of the template: the customer-managed ones and any inline ones. */
export function identityPolicies(template: Template): Record<string, CfnResource> {
  return {
    ...resourcesOfType(template, 'AWS::IAM::ManagedPolicy'),
    ...resourcesOfType(template, 'AWS::IAM::Policy'),
  };
}
