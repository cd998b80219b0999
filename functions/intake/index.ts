import { Logger } from '@aws-lambda-powertools/logger';
import { powertoolsLog } from '../../shared/adapters/logging/powertools-log';
import { awsDependencies } from '../../shared/composition/aws-dependencies';
import { createIntakeHandler } from '../../shared/entries/intake-entry';

// Built once per container: clients, configuration and catalog are reused across invocations.
const dependencies = awsDependencies(['tableName', 'uploadsBucket']);
const logger = new Logger({ serviceName: 'strategy-report-intake' });

export const handler = createIntakeHandler(dependencies, { log: powertoolsLog(logger) });
