import type { AwsClients } from '../adapters/aws/aws-clients';
import { DynamoDbAnswerOutbox } from '../adapters/dynamodb/dynamodb-answer-outbox';
import { DynamoDbDeliveryLog } from '../adapters/dynamodb/dynamodb-delivery-log';
import { DynamoDbInboundMessages } from '../adapters/dynamodb/dynamodb-inbound-messages';
import { DynamoDbProgressRepository } from '../adapters/dynamodb/dynamodb-progress-repository';
import { DynamoDbReportIndex } from '../adapters/dynamodb/dynamodb-report-index';
import { DynamoDbSnapshotIndex } from '../adapters/dynamodb/dynamodb-snapshot-index';
import { DynamoDbSubmissionHistory } from '../adapters/dynamodb/dynamodb-submission-history';
import { ExcelSubmissionWorkbooks } from '../adapters/excel/excel-submission-workbooks';
import { MailparserMailReader } from '../adapters/mail/mailparser-mail-reader';
import { measuredMailSender } from '../adapters/mail/measured-mail-sender';
import { S3ObjectStore } from '../adapters/s3/s3-object-store';
import { UnconfiguredObjectStore } from '../adapters/s3/unconfigured-object-store';
import { ENVIRONMENT_VARIABLES } from '../config/function-environment';
import type { ProductConfig } from '../config/product-config';
import type { Catalog } from '../domain/catalog/catalog';
import type { AnswerOutbox } from '../ports/answer-outbox';
import { type BusinessMetrics, silentMetrics } from '../ports/business-metrics';
import type { Clock } from '../ports/clock';
import type { DeliveryLog } from '../ports/delivery-log';
import type { InboundMessages } from '../ports/inbound-messages';
import { type Log, silentLog } from '../ports/log';
import type { MailReader } from '../ports/mail-reader';
import type { MailSender } from '../ports/mail-sender';
import type { ObjectStore } from '../ports/object-store';
import type { ProgressRepository } from '../ports/progress-repository';
import type { ReportIndex } from '../ports/report-index';
import type { SnapshotIndex } from '../ports/snapshot-index';
import type { SubmissionHistory } from '../ports/submission-history';
import type { SubmissionWorkbooks } from '../ports/submission-workbooks';
import type { ResourceNames } from '../storage/resource-names';

/**
 * Every port a use case may need, built once. The Lambda entries build it from their
 * environment and the AWS clients; the local runtime builds it from the embedded servers and the
 * outbox. Use cases take what they need from it as plain arguments, never the whole bag.
 */
export interface Dependencies {
  readonly catalog: Catalog;
  readonly config: ProductConfig;
  readonly clock: Clock;
  readonly names: ResourceNames;
  /** The uploads bucket: workbooks as offices sent them, and annotated copies of rejected ones. */
  readonly uploads: ObjectStore;
  /** The reports bucket: rollup snapshots, report files and manifests. */
  readonly reportObjects: ObjectStore;
  readonly progress: ProgressRepository;
  readonly history: SubmissionHistory;
  /** Rollup snapshot versions (the snapshots themselves are JSON in the reports bucket). */
  readonly snapshotIndex: SnapshotIndex;
  /** Report versions, their version claims and the manifest chain head (files in the reports bucket). */
  readonly reportIndex: ReportIndex;
  /** What was e-mailed, so nothing is mailed twice. */
  readonly deliveries: DeliveryLog;
  readonly mail: MailSender;
  /** Answers to submitters: recorded before they are sent, sent from the record. */
  readonly answers: AnswerOutbox;
  /** Messages received by e-mail and the outcomes of their workbooks. */
  readonly inbound: InboundMessages;
  /** Reads received mail (MIME). */
  readonly mailReader: MailReader;
  /** Templates, safe reading and annotation of submitted workbooks. */
  readonly workbooks: SubmissionWorkbooks;
  /** Powertools' logger in AWS (with the Lambda context); silent locally. */
  readonly log: Log;
  /** Business metrics: EMF in AWS; counted nowhere locally. */
  readonly metrics: BusinessMetrics;
}

export interface DependencyInputs {
  readonly clients: AwsClients;
  readonly names: ResourceNames;
  readonly catalog: Catalog;
  readonly config: ProductConfig;
  readonly clock: Clock;
  readonly mail: MailSender;
  /** Default: silent (the local runtime and the CLI print their own output). */
  readonly log?: Log;
  /** Default: counted nowhere. */
  readonly metrics?: BusinessMetrics;
}

export function buildDependencies(inputs: DependencyInputs): Dependencies {
  const { clients, names } = inputs;
  // A function deployed without a bucket gets a store that says so on first use.
  const store = (bucket: string, variable: string): ObjectStore =>
    bucket === '' ? new UnconfiguredObjectStore(variable) : new S3ObjectStore(clients.s3, bucket);
  const reportObjects = store(names.buckets.reports, ENVIRONMENT_VARIABLES.reportsBucket);
  const log = inputs.log ?? silentLog;
  const metrics = inputs.metrics ?? silentMetrics;
  return {
    catalog: inputs.catalog,
    config: inputs.config,
    clock: inputs.clock,
    names,
    uploads: store(names.buckets.uploads, ENVIRONMENT_VARIABLES.uploadsBucket),
    reportObjects,
    progress: new DynamoDbProgressRepository(clients.documents, { tableName: names.tableName }),
    history: new DynamoDbSubmissionHistory(clients.documents, names.tableName),
    snapshotIndex: new DynamoDbSnapshotIndex(clients.documents, names.tableName),
    reportIndex: new DynamoDbReportIndex(clients.documents, names.tableName),
    deliveries: new DynamoDbDeliveryLog(clients.documents, names.tableName),
    // Every message counted as sent or failed, and logged with its message id, whoever sends it.
    mail: measuredMailSender(inputs.mail, metrics, log),
    answers: new DynamoDbAnswerOutbox(clients.documents, names.tableName),
    inbound: new DynamoDbInboundMessages(clients.documents, names.tableName),
    mailReader: new MailparserMailReader(),
    workbooks: new ExcelSubmissionWorkbooks(),
    log,
    metrics,
  };
}
