import { Logger } from '@aws-lambda-powertools/logger';
import { powertoolsLog } from '../../shared/adapters/logging/powertools-log';
import { awsDependencies } from '../../shared/composition/aws-dependencies';
import { createResendHandler } from '../../shared/entries/resend-entry';

const deps = awsDependencies(['tableName', 'uploadsBucket']);
const logger = new Logger({ serviceName: 'strategy-report-resend' });

export const handler = createResendHandler(deps, { log: powertoolsLog(logger) });
