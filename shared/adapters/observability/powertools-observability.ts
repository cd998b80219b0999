import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../../config/service-identity';
import type { BusinessMetrics } from '../../ports/business-metrics';
import type { Log } from '../../ports/log';
import { instrumentHandler, type LambdaHandler } from './lambda-handler';
import { powertoolsLog } from './powertools-log';
import { powertoolsMetrics } from './powertools-metrics';

/**
 * Powertools' Logger, Metrics and Tracer for one Lambda container, and what the code takes from
 * them: the `Log` and `BusinessMetrics` ports, record keys, AWS clients captured for tracing, and
 * the handler wrapper. Only the function entries (functions/*\/index.ts) import this: the CLI and
 * the local runtime use quiet adapters and never load Powertools' logger, metrics or X-Ray.
 */
export interface PowertoolsObservability {
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly tracer: Tracer;
  /** The logger behind the `Log` port, for use cases and entries. */
  readonly log: Log;
  /** The metrics behind the `BusinessMetrics` port. */
  readonly businessMetrics: BusinessMetrics;
  /** `log.withRecordKeys`: the record's keys on every line while `work` runs, removed after it. */
  withRecordKeys: Log['withRecordKeys'];
  /** The client, traced by X-Ray (each call a subsegment); unchanged where tracing is off. */
  captureAwsClient<C>(client: C): C;
  /** The handler with the Lambda context on every log line, traced, its metrics published. */
  lambdaHandler<E, R>(handler: LambdaHandler<E, R>): LambdaHandler<E, R>;
}

/**
 * Creates the three once. Settings come from the code, not the environment, so that a function
 * and the dashboard cannot disagree; Powertools' own variables (POWERTOOLS_LOG_LEVEL,
 * POWERTOOLS_TRACE_ENABLED, POWERTOOLS_METRICS_DISABLED, ...) still apply. Tracing is on only inside
 * Lambda (Powertools checks AWS_EXECUTION_ENV), where the functions run with X-Ray active.
 */
export function createPowertoolsObservability(): PowertoolsObservability {
  const logger = new Logger({ serviceName: SERVICE_NAME });
  const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME, logger });
  const tracer = new Tracer({ serviceName: SERVICE_NAME });
  const log = powertoolsLog(logger);
  return {
    logger,
    metrics,
    tracer,
    log,
    businessMetrics: powertoolsMetrics(metrics),
    withRecordKeys: (keys, work) => log.withRecordKeys(keys, work),
    captureAwsClient: (client) => tracer.captureAWSv3Client(client),
    lambdaHandler: (handler) => instrumentHandler({ logger, metrics, tracer }, handler),
  };
}

/** The container's one instance: every function entry imports it, so each is created once. */
export const observability = createPowertoolsObservability();
