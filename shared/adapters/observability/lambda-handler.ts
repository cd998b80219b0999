import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context } from 'aws-lambda';

export type LambdaHandler<E, R> = (event: E, context: Context) => Promise<R>;

/** A segment as the X-Ray SDK hands it out: enough to open and close the handler's subsegment. */
interface TraceSegment {
  addNewSubsegment(name: string): TraceSegment;
  close(): void;
}

/**
 * Wraps a handler the way Powertools' middlewares do (injectLambdaContext, captureLambdaHandler,
 * logMetrics), without Middy:
 *
 * 1. the Lambda context on every log line (`function_request_id`, `function_name`, `cold_start`);
 * 2. a `## <handler>` subsegment for the handler, with the cold start and service annotated;
 * 3. the cold-start metric once per container;
 * 4. a failure logged with the context before it propagates (Lambda then retries or dead-letters);
 * 5. the invocation's business metrics published as one EMF document — only when there are some,
 *    where logMetrics would log "No application metrics to publish" on every quiet run — and the
 *    record keys of this invocation dropped.
 */
export function instrumentHandler<E, R>(
  tools: { readonly logger: Logger; readonly metrics: Metrics; readonly tracer: Tracer },
  handler: LambdaHandler<E, R>,
): LambdaHandler<E, R> {
  const { logger, metrics, tracer } = tools;
  return async (event, context) => {
    logger.addContext(context);
    logger.logEventIfEnabled(event);
    const trace = openHandlerSegment(tracer);
    metrics.captureColdStartMetric(context.functionName);
    try {
      const response = await handler(event, context);
      if (trace) tracer.addResponseAsMetadata(response, process.env._HANDLER);
      return response;
    } catch (error) {
      logger.error('invocation failed', error as Error);
      if (trace) tracer.addErrorAsMetadata(error as Error);
      throw error;
    } finally {
      trace?.close();
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
      logger.resetKeys();
    }
  };
}

/** The handler's own subsegment under Lambda's (immutable) function segment, when tracing is on. */
function openHandlerSegment(tracer: Tracer): { close(): void } | undefined {
  if (!tracer.isTracingEnabled()) return undefined;
  const lambdaSegment = tracer.getSegment() as TraceSegment | undefined;
  if (!lambdaSegment) return undefined;
  const handlerSegment = lambdaSegment.addNewSubsegment(`## ${process.env._HANDLER ?? 'handler'}`);
  tracer.setSegment(handlerSegment as never);
  tracer.annotateColdStart();
  tracer.addServiceNameAnnotation();
  return {
    close() {
      handlerSegment.close();
      tracer.setSegment(lambdaSegment as never);
    },
  };
}
