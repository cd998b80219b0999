import { type Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as eventSources from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { INBOUND_PREFIX } from '../../shared/storage/object-keys';
import { INTAKE_RULE_NAME } from '../lib/mail-receiving';
import { EncryptionKey } from './encryption-key';
import type { ProjectFunction } from './project-function';
import { createWorkQueue } from './work-queue';

export interface MailIntakeProps {
  /** The address SES receives for (product config `mail.intakeAddress`). */
  readonly intakeAddress: string;
  /** The receipt rule set: created here, or an existing one the rule joins. */
  readonly ruleSet:
    | { readonly kind: 'own'; readonly name: string }
    | { readonly kind: 'existing'; readonly name: string };
  /** Where SES stores the raw message (under inbound/); its policy lets this rule write there. */
  readonly uploadsBucket: s3.IBucket;
  /** Encrypts the queues (SNS is granted its use for this topic when subscribing). */
  readonly encryptionKey: kms.IKey;
  readonly intake: ProjectFunction;
  readonly intakeTimeout: Duration;
  readonly batchSize: number;
  readonly maxReceiveCount: number;
}

/**
 * SES receiving for the intake address: a receipt rule (spam and virus scanning on, TLS required)
 * whose S3 action stores each message under inbound/ in the uploads bucket and notifies an
 * encrypted topic; the topic delivers the notification as it is (raw delivery) to an encrypted
 * queue with a dead-letter queue; the intake function reads the queue and reports failures per
 * message. SES has one active rule set per account and region: the stack either creates the
 * stage's own set, which an operator makes the active one (README: the stack never switches the
 * active set, which would silently turn off another application's rules), or adds its rule to an
 * existing set (the account's active one).
 */
export class MailIntake extends Construct {
  readonly topic: sns.Topic;
  readonly topicKey: kms.Key;
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly ruleSet: ses.IReceiptRuleSet;
  readonly rule: ses.ReceiptRule;
  readonly receiptRuleArn: string;
  readonly ruleSetName: string;

  constructor(scope: Construct, id: string, props: MailIntakeProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.ruleSetName = props.ruleSet.name;
    this.receiptRuleArn = stack.formatArn({
      service: 'ses',
      resource: 'receipt-rule-set',
      resourceName: `${props.ruleSet.name}:receipt-rule/${INTAKE_RULE_NAME}`,
    });

    ({ queue: this.queue, deadLetterQueue: this.deadLetterQueue } = createWorkQueue(this, {
      encryptionKey: props.encryptionKey,
      consumerTimeout: props.intakeTimeout,
      maxReceiveCount: props.maxReceiveCount,
    }));
    // The topic has a key of its own: the queue's key names the topic (SNS may use it for this
    // topic only), so the topic cannot also depend on that key.
    this.topicKey = new EncryptionKey(this, 'TopicKey', {
      description: 'strategy-report received-mail notifications (SES → SNS)',
      forMailReceiving: { sourceArn: this.receiptRuleArn },
    }).key;
    this.topic = new sns.Topic(this, 'Received', { masterKey: this.topicKey, enforceSSL: true });
    // enforceSSL alone would leave the topic policy with a Deny only: SES needs its Allow.
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'SesPublishesForThisAccountsIntakeRule',
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: { 'aws:SourceArn': this.receiptRuleArn },
        },
      }),
    );
    this.topic.addSubscription(new subscriptions.SqsSubscription(this.queue, { rawMessageDelivery: true }));

    this.ruleSet =
      props.ruleSet.kind === 'own'
        ? new ses.ReceiptRuleSet(this, 'RuleSet', { receiptRuleSetName: props.ruleSet.name })
        : ses.ReceiptRuleSet.fromReceiptRuleSetName(this, 'RuleSet', props.ruleSet.name);
    const bucketName = props.uploadsBucket.bucketName;
    const topicArn = this.topic.topicArn;
    this.rule = new ses.ReceiptRule(this, 'Rule', {
      ruleSet: this.ruleSet,
      receiptRuleName: INTAKE_RULE_NAME,
      recipients: [props.intakeAddress],
      scanEnabled: true,
      tlsPolicy: ses.TlsPolicy.REQUIRE,
      enabled: true,
      // The bucket belongs to the stateful stack, whose policy already lets this rule write:
      // a plain S3 action, without the bucket policy CDK's own action would try to add.
      actions: [{ bind: () => ({ s3Action: { bucketName, objectKeyPrefix: INBOUND_PREFIX, topicArn } }) }],
    });
    this.rule.node.addDependency(this.topic);

    props.intake.function.addEventSource(
      new eventSources.SqsEventSource(this.queue, {
        batchSize: props.batchSize,
        reportBatchItemFailures: true,
      }),
    );
  }
}
