import { randomBytes, randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { sqsRecordCarrying } from '../adapters/events/s3-notifications';
import type { Dependencies } from '../composition/dependencies';
import type { ReceiptVerdicts } from '../domain/mail/receipt-verdicts';
import { createIngestHandler } from '../entries/ingest-entry';
import { createIntakeHandler } from '../entries/intake-entry';
import type { Log } from '../ports/log';
import type { ObjectStore } from '../ports/object-store';
import { inboundKey, UPLOADS_PREFIX } from '../storage/object-keys';
import type { IngestOutcome } from '../use-cases/ingest-submission';
import type { ReceiveMailOutcome } from '../use-cases/receive-mail';
import { deliverStoredUpload } from './deliver-upload';
import { LOCAL_REGION } from './local-runtime';
import { type SesReceivedNotification, sesReceivedNotification } from './ses-receipt-event';

const LOCAL_INTAKE_QUEUE_ARN = `arn:aws:sqs:${LOCAL_REGION}:000000000000:strategy-report-intake`;
/** Who the intake function is, as S3 names the writer of its uploads. */
const LOCAL_INTAKE_PRINCIPAL = 'AWS:LOCAL-INTAKE-FUNCTION';

export const ALL_PASS: ReceiptVerdicts = {
  spf: 'PASS',
  dkim: 'PASS',
  dmarc: 'PASS',
  spam: 'PASS',
  virus: 'PASS',
};

export interface StoredMail {
  readonly sesMessageId: string;
  readonly notification: SesReceivedNotification;
  /** The SQS event the intake function receives: the notification, delivered raw by SNS. */
  readonly event: SQSEvent;
}

export interface MailDelivery {
  readonly intake: readonly ReceiveMailOutcome[];
  /** The ingest's outcome for each workbook the intake uploaded. */
  readonly ingest: readonly IngestOutcome[];
  readonly response: SQSBatchResponse;
}

/**
 * What AWS does with a message sent to the intake address, done by hand because nothing local
 * receives mail or sends notifications: SES stores the raw message under inbound/<id> and
 * publishes its receipt (verdicts, where it stored it) through SNS to the intake queue; the intake
 * function reads it and writes each workbook under uploads/, and S3 notifies the ingest of each.
 * The same handlers as in AWS, given exactly the events AWS gives them.
 */
export function localMailPipeline(dependencies: Dependencies, options: { readonly log: Log }) {
  const written: string[] = [];
  const uploads = recordingPuts(dependencies.uploads, (key) => {
    if (key.startsWith(UPLOADS_PREFIX)) written.push(key);
  });
  const intakeOutcomes: ReceiveMailOutcome[] = [];
  const ingestOutcomes: IngestOutcome[] = [];
  const intake = createIntakeHandler(
    { ...dependencies, uploads },
    { log: options.log, onOutcome: (outcome) => intakeOutcomes.push(outcome) },
  );
  const ingest = createIngestHandler(dependencies, {
    log: options.log,
    onOutcome: (outcome) => ingestOutcomes.push(outcome),
  });

  /** SES's part: store the message where the receipt rule says, and build its notification. */
  const store = async (
    raw: Buffer,
    receipt: { readonly verdicts?: Partial<ReceiptVerdicts>; readonly receivedAt?: Date } = {},
  ): Promise<StoredMail> => {
    const sesMessageId = newSesMessageId();
    const receivedAt = receipt.receivedAt ?? dependencies.clock.now();
    await dependencies.uploads.put(inboundKey(sesMessageId), raw, { contentType: 'message/rfc822' });
    const notification = await sesReceivedNotification(raw, {
      sesMessageId,
      receivedAt,
      recipients: [dependencies.config.mail.intakeAddress],
      verdicts: { ...ALL_PASS, ...receipt.verdicts },
      bucket: dependencies.uploads.bucket,
    });
    const event: SQSEvent = {
      Records: [
        sqsRecordCarrying(notification, {
          messageId: randomUUID(),
          queueArn: LOCAL_INTAKE_QUEUE_ARN,
          region: LOCAL_REGION,
          sentAt: receivedAt,
          senderId: 'AIDASNSRAWDELIVERY',
        }),
      ],
    };
    return { sesMessageId, notification, event };
  };

  /** SQS's and S3's part: the intake handles the event, then each upload it wrote is ingested. */
  const deliver = async (event: SQSEvent): Promise<MailDelivery> => {
    const firstIntake = intakeOutcomes.length;
    const firstIngest = ingestOutcomes.length;
    const firstUpload = written.length;
    const response = await intake(event);
    for (const key of written.slice(firstUpload))
      await deliverStoredUpload(
        key,
        dependencies.uploads,
        ingest,
        dependencies.clock.now(),
        LOCAL_INTAKE_PRINCIPAL,
      );
    return {
      intake: intakeOutcomes.slice(firstIntake),
      ingest: ingestOutcomes.slice(firstIngest),
      response,
    };
  };

  return {
    store,
    deliver,
    /** Both: what happens when someone sends a message to the intake address. */
    async receive(raw: Buffer, receipt: Parameters<typeof store>[1] = {}) {
      const stored = await store(raw, receipt);
      return { ...stored, ...(await deliver(stored.event)) };
    },
  };
}

export type LocalMailPipeline = ReturnType<typeof localMailPipeline>;

/** SES message ids look like `o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1`: lower-case letters and digits. */
function newSesMessageId(): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
  return [...randomBytes(40)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

/** The same store, telling `onPut` each key written (the local S3 server sends no notifications). */
function recordingPuts(store: ObjectStore, onPut: (key: string) => void): ObjectStore {
  return {
    bucket: store.bucket,
    async put(key, body, options) {
      const result = await store.put(key, body, options);
      onPut(key);
      return result;
    },
    get: (key, versionId) => store.get(key, versionId),
    getStream: (key, versionId) => store.getStream(key, versionId),
    head: (key, versionId) => store.head(key, versionId),
    list: (prefix) => store.list(prefix),
    delete: (key) => store.delete(key),
    presignGet: (key, expires, downloadOptions) => store.presignGet(key, expires, downloadOptions),
  };
}
