import { Logger } from '@aws-lambda-powertools/logger';
import { powertoolsLog } from '../../shared/adapters/logging/powertools-log';
import { awsDependencies } from '../../shared/composition/aws-dependencies';
import { createIngestHandler } from '../../shared/entries/ingest-entry';

// Built once per container: clients, configuration and catalog are reused across invocations.
const dependencies = awsDependencies(['tableName', 'uploadsBucket']);
const logger = new Logger({ serviceName: 'strategy-report-ingest' });

export const handler = createIngestHandler(dependencies, { log: powertoolsLog(logger) });
