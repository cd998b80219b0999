import { ArnFormat, type Stack } from 'aws-cdk-lib';
import type { StageConfig } from '../config/stage-config';

/**
 * Regions where SES receives mail (its inbound SMTP endpoints), as AWS lists them in the general
 * reference (Amazon SES endpoints, "Email receiving"). AWS adds regions over time: a region that
 * is missing here is refused at synth; add it here once AWS lists it.
 */
export const SES_RECEIVING_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'ca-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-central-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-northeast-1',
] as const;

/** The value of the MX record that sends a domain's mail to SES in `region`. */
export function mxRecordValue(region: string): string {
  return `10 inbound-smtp.${region}.amazonaws.com`;
}

/** The rule in the receipt rule set that takes the intake address's mail. */
export const INTAKE_RULE_NAME = 'office-workbooks';

/** The rule set the stack creates for a stage (when it does not add its rule to an existing one). */
export function intakeRuleSetName(stage: string): string {
  return `StrategyReport-${stage}-intake`;
}

/** The rule set holding a stage's intake rule: its own, or the existing one it names. */
export function intakeRuleSetOf(config: StageConfig): string {
  return config.intake.ruleSet.kind === 'own' ? intakeRuleSetName(config.stage) : config.intake.ruleSet.name;
}

/**
 * The ARN of the receipt rule that takes a stage's intake mail. Both stacks build it from names,
 * so the stateful stack can scope SES's access to it without a reference to the stateless one.
 */
export function intakeReceiptRuleArn(stack: Stack, config: StageConfig): string {
  return stack.formatArn({
    service: 'ses',
    resource: 'receipt-rule-set',
    resourceName: `${intakeRuleSetOf(config)}:receipt-rule/${INTAKE_RULE_NAME}`,
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
  });
}
