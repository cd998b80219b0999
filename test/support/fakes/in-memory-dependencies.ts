import { MailparserMailReader } from '../../../shared/adapters/mail/mailparser-mail-reader';
import { defaultCatalog } from '../../../shared/catalog/default-catalog';
import type { Dependencies } from '../../../shared/composition/dependencies';
import { parseProductConfig } from '../../../shared/config/product-config';
import type { Catalog } from '../../../shared/domain/catalog/catalog';
import { LOCAL_RESOURCE_NAMES } from '../../../shared/storage/resource-names';
import { InMemoryAnswerOutbox } from './in-memory-answer-outbox';
import { InMemoryDeliveryLog } from './in-memory-delivery-log';
import { InMemoryInboundMessages } from './in-memory-inbound-messages';
import { InMemoryObjectStore } from './in-memory-object-store';
import { InMemoryProgressRepository } from './in-memory-progress-repository';
import { InMemoryReportIndex } from './in-memory-report-index';
import { InMemorySnapshotIndex } from './in-memory-snapshot-index';
import { InMemorySubmissionHistory } from './in-memory-submission-history';
import { RecordingLog } from './recording-log';
import { RecordingMailSender } from './recording-mail-sender';
import { RecordingMetrics } from './recording-metrics';
import { ScriptedSubmissionWorkbooks } from './scripted-submission-workbooks';
import { SettableClock } from './settable-clock';

/** Every port in memory, typed as the fakes so a test can reach their helpers. */
export interface InMemoryDependencies extends Dependencies {
  readonly clock: SettableClock;
  readonly uploads: InMemoryObjectStore;
  readonly reportObjects: InMemoryObjectStore;
  readonly progress: InMemoryProgressRepository;
  readonly history: InMemorySubmissionHistory;
  readonly snapshotIndex: InMemorySnapshotIndex;
  readonly reportIndex: InMemoryReportIndex;
  readonly deliveries: InMemoryDeliveryLog;
  readonly mail: RecordingMailSender;
  readonly answers: InMemoryAnswerOutbox;
  readonly inbound: InMemoryInboundMessages;
  readonly workbooks: ScriptedSubmissionWorkbooks;
  readonly log: RecordingLog;
  readonly metrics: RecordingMetrics;
}

/** The Dependencies a use case or entry gets, with in-memory fakes behind every port. */
export function inMemoryDependencies(
  options: { now?: Date | string; config?: unknown; catalog?: Catalog } = {},
): InMemoryDependencies {
  return {
    catalog: options.catalog ?? defaultCatalog(),
    config: parseProductConfig(options.config ?? {}),
    clock: new SettableClock(options.now ?? '2026-11-20T15:00:00Z'),
    names: LOCAL_RESOURCE_NAMES,
    uploads: new InMemoryObjectStore(LOCAL_RESOURCE_NAMES.buckets.uploads),
    reportObjects: new InMemoryObjectStore(LOCAL_RESOURCE_NAMES.buckets.reports),
    progress: new InMemoryProgressRepository(),
    history: new InMemorySubmissionHistory(),
    snapshotIndex: new InMemorySnapshotIndex(),
    reportIndex: new InMemoryReportIndex(),
    deliveries: new InMemoryDeliveryLog(),
    mail: new RecordingMailSender(),
    answers: new InMemoryAnswerOutbox(),
    inbound: new InMemoryInboundMessages(),
    // MIME reading is pure: the real reader serves here too.
    mailReader: new MailparserMailReader(),
    workbooks: new ScriptedSubmissionWorkbooks(),
    log: new RecordingLog(),
    metrics: new RecordingMetrics(),
  };
}
