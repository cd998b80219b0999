import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStageConfig } from '../../infra/config/stage-config';
import { STAGES } from '../../infra/config/stages';
import { addStage } from '../../infra/lib/strategy-report-app';
import { InvalidInputError } from '../../shared/domain/errors';
import { cdkJsonContext, type SynthesizedStage, synthesizeStages } from '../support/synthesized-app';
import { identityPolicies, resourcesOfType, statementsOf } from '../support/template-queries';

let dev: SynthesizedStage;
let dispose: () => void;
beforeAll(() => {
  // Synthesis runs cdk-nag's packs: everything below is also nag-clean.
  ({ dev, dispose } = synthesizeStages());
});
afterAll(() => dispose());

const RULE_ARN =
  'arn:aws:ses:us-east-1:111111111111:receipt-rule-set/StrategyReport-dev-intake:receipt-rule/office-workbooks';

describe('SES receiving for the intake address', () => {
  it('has a rule set of the stage and a rule for the intake address: scanning on, TLS required, stored under inbound/ with a notification', () => {
    dev.stateless.hasResourceProperties('AWS::SES::ReceiptRuleSet', {
      RuleSetName: 'StrategyReport-dev-intake',
    });
    dev.stateless.hasResourceProperties('AWS::SES::ReceiptRule', {
      RuleSetName: { Ref: Match.stringLikeRegexp('^MailIntakeRuleSet') },
      Rule: {
        Name: 'office-workbooks',
        Enabled: true,
        Recipients: ['submissions@intake.example.gov'],
        ScanEnabled: true,
        TlsPolicy: 'Require',
        Actions: [
          {
            S3Action: {
              BucketName: { 'Fn::ImportValue': 'StrategyReport-dev-UploadsBucketName' },
              ObjectKeyPrefix: 'inbound/',
              TopicArn: { Ref: Match.stringLikeRegexp('^MailIntakeReceived') },
            },
          },
        ],
      },
    });
  });

  it('never changes the active rule set itself, and says how to: the MX record and the activation command are outputs', () => {
    expect(Object.keys(dev.stateless.findResources('Custom::AWS'))).toEqual([]);
    dev.stateless.hasOutput('IntakeMxRecord', { Value: '10 inbound-smtp.us-east-1.amazonaws.com' });
    dev.stateless.hasOutput('IntakeActivateCommand', {
      Value:
        'aws ses set-active-receipt-rule-set --rule-set-name StrategyReport-dev-intake --region us-east-1',
    });
    dev.stateless.hasOutput('IntakeAddress', { Value: 'submissions@intake.example.gov' });
  });

  it('verifies the intake domain for receiving when the sending identity is an address', () => {
    dev.stateless.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'intake.example.gov' });
    dev.stateless.hasOutput('IntakeDkimRecord1', {});
  });

  it('lets SES write only under inbound/, only for this account’s intake rule, with the data key', () => {
    dev.stateful.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'SesStoresReceivedMailForThisAccountsRule',
            Effect: 'Allow',
            Principal: { Service: 'ses.amazonaws.com' },
            Action: 's3:PutObject',
            Resource: {
              'Fn::Join': [
                '',
                [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^UploadsBucket'), 'Arn'] }, '/inbound/*'],
              ],
            },
            Condition: {
              StringEquals: { 'aws:SourceAccount': '111111111111' },
              ArnLike: { 'aws:SourceArn': RULE_ARN },
            },
          }),
        ]),
      },
    });
    dev.stateful.hasResourceProperties('AWS::KMS::Key', {
      Description: Match.stringLikeRegexp('^strategy-report data'),
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'ses.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Condition: {
              StringEquals: { 'aws:SourceAccount': '111111111111' },
              ArnLike: { 'aws:SourceArn': RULE_ARN },
            },
          }),
        ]),
      },
    });
  });

  it('publishes through an encrypted topic that only this rule may publish to, delivered raw to an encrypted queue with a DLQ', () => {
    dev.stateless.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^MailIntakeTopicKey'), 'Arn'] },
    });
    dev.stateless.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'ses.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: {
              StringEquals: { 'aws:SourceAccount': '111111111111' },
              ArnLike: { 'aws:SourceArn': RULE_ARN },
            },
          }),
        ]),
      },
    });
    dev.stateless.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'sqs',
      RawMessageDelivery: true,
      Endpoint: { 'Fn::GetAtt': [Match.stringLikeRegexp('^MailIntakeQueue'), 'Arn'] },
    });
    dev.stateless.hasResourceProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OperationsKey'), 'Arn'] },
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^MailIntakeDeadLetters'), 'Arn'] },
        maxReceiveCount: dev.config.intake.maxReceiveCount,
      },
    });
    dev.stateless.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^MailIntakeQueue'), 'Arn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: dev.config.intake.batchSize,
    });
  });

  it('lets the intake function write uploads and answer files, and read the raw mail, nothing more in the bucket', () => {
    const role = dev.stacks.stateless.getLogicalId(
      dev.stacks.stateless.functions.intake.role.node.defaultChild as never,
    );
    const policy = Object.values(identityPolicies(dev.stateless)).find(
      (candidate) => JSON.stringify(candidate.Properties.Roles) === JSON.stringify([{ Ref: role }]),
    );
    if (!policy) throw new Error('no intake policy');
    const s3 = statementsOf(policy).filter((statement) =>
      statement.actions.some((action) => action.startsWith('s3:')),
    );
    const writes = s3.find((statement) => statement.actions.includes('s3:PutObject'));
    expect(JSON.stringify(writes?.resources)).toContain('/uploads/*');
    expect(JSON.stringify(writes?.resources)).toContain('/answers/*');
    expect(JSON.stringify(writes?.resources)).not.toContain('/inbound/*');
    const reads = s3.find((statement) => statement.actions.includes('s3:GetObject'));
    expect(JSON.stringify(reads?.resources)).toContain('/inbound/*');
  });

  it('alarms on the intake queue’s oldest message and its dead letters', () => {
    const alarms = Object.values(resourcesOfType(dev.stateless, 'AWS::CloudWatch::Alarm')).map(
      (alarm) => alarm.Properties,
    );
    const intakeQueue = alarms.filter((alarm) =>
      JSON.stringify(alarm.Dimensions ?? []).includes('MailIntake'),
    );
    expect(intakeQueue.map((alarm) => alarm.MetricName).sort()).toEqual([
      'ApproximateAgeOfOldestMessage',
      'ApproximateNumberOfMessagesVisible',
    ]);
  });
});

describe('a stage that adds its rule to an existing rule set', () => {
  it('creates no rule set and outputs no activation command', () => {
    const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
    const config = parseStageConfig(
      {
        ...STAGES.dev,
        stage: 'shared',
        intake: { ...STAGES.dev?.intake, ruleSet: { kind: 'existing', name: 'default-rule-set' } },
      },
      'test',
    );
    const stacks = addStage(app, config);
    const stateless = Template.fromStack(stacks.stateless);
    stateless.resourceCountIs('AWS::SES::ReceiptRuleSet', 0);
    stateless.hasResourceProperties('AWS::SES::ReceiptRule', { RuleSetName: 'default-rule-set' });
    expect(Object.keys(stateless.findOutputs('IntakeActivateCommand'))).toEqual([]);
    const policies = JSON.stringify(
      Template.fromStack(stacks.stateful).findResources('AWS::S3::BucketPolicy'),
    );
    expect(policies).toContain(
      'arn:aws:ses:us-east-1:111111111111:receipt-rule-set/default-rule-set:receipt-rule/office-workbooks',
    );
  });
});

describe('stage configuration of the intake', () => {
  const refusal = (definition: unknown) => {
    try {
      parseStageConfig(definition, 'stage.ts');
    } catch (error) {
      if (error instanceof InvalidInputError)
        return error.problems.map((problem) => problem.message).join('\n');
      throw error;
    }
    return '';
  };
  it('refuses a region where SES does not receive mail, and a stage without an intake address', () => {
    expect(refusal({ ...STAGES.dev, region: 'us-west-1' })).toContain(
      'SES does not receive mail in us-west-1',
    );
    const { intakeAddress: _dropped, ...mail } = (STAGES.dev?.product.mail ?? {}) as Record<string, unknown>;
    expect(refusal({ ...STAGES.dev, product: { ...STAGES.dev?.product, mail } })).toContain(
      'product.mail.intakeAddress must be set',
    );
  });
});
