import xray from 'aws-xray-sdk-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAwsClients } from '../../../../shared/adapters/aws/aws-clients';
import { createPowertoolsObservability } from '../../../../shared/adapters/observability/powertools-observability';
import { BUSINESS_METRICS } from '../../../../shared/ports/business-metrics';
import { capturingOutput } from '../../../support/captured-output';
import { lambdaContext } from '../../../support/lambda-context';

const logLines = (lines: Record<string, unknown>[]) => lines.filter((line) => '_aws' in line === false);
const emfLines = (lines: Record<string, unknown>[]) => lines.filter((line) => '_aws' in line);

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the Powertools observability of a Lambda function', () => {
  it('puts the Lambda context on every line and a record’s keys on the lines logged while it is worked on', async () => {
    const observability = createPowertoolsObservability();
    const { log, withRecordKeys } = observability;
    const handler = observability.lambdaHandler(async () => {
      log.info('before the record');
      await withRecordKeys(
        { submissionId: 's-1', office: 'OFO', period: '2026-10', unknown: undefined },
        async () => {
          log.info('about the record', { rows: 22 });
        },
      );
      await withRecordKeys({ office: 'USBP' }, async () => {
        throw new Error('the record failed');
      }).catch(() => log.warn('after the failed record'));
      log.info('after the records');
      return 'done';
    });

    const run = await capturingOutput(() =>
      handler({}, lambdaContext('strategy-report-ingest', 'request-1')),
    );

    expect(run.result).toBe('done');
    const lines = logLines(run.lines);
    expect(lines.map((line) => line.message)).toEqual([
      'before the record',
      'about the record',
      'after the failed record',
      'after the records',
    ]);
    for (const line of lines)
      expect(line).toMatchObject({
        function_request_id: 'request-1',
        function_name: 'strategy-report-ingest',
        function_arn: 'arn:aws:lambda:us-east-1:123456789012:function:strategy-report-ingest',
        service: 'strategy-report',
      });
    expect(lines[1]).toMatchObject({ submissionId: 's-1', office: 'OFO', period: '2026-10', rows: 22 });
    expect(lines[1]).not.toHaveProperty('unknown');
    // Removed afterwards, also when the record failed.
    for (const line of [lines[0], lines[2], lines[3]])
      for (const key of ['submissionId', 'office', 'period']) expect(line).not.toHaveProperty(key);
  });

  it('publishes the invocation’s business metrics as one EMF document, and nothing when there are none', async () => {
    const observability = createPowertoolsObservability();
    const handler = observability.lambdaHandler(async (event: { accepted: number }) => {
      for (let n = 0; n < event.accepted; n++)
        observability.businessMetrics.count(BUSINESS_METRICS.submissionsAccepted);
      if (event.accepted > 0) observability.businessMetrics.count(BUSINESS_METRICS.rowsIngested, 44);
    });

    const first = await capturingOutput(() => handler({ accepted: 2 }, lambdaContext('ingest', 'request-1')));
    const quiet = await capturingOutput(() => handler({ accepted: 0 }, lambdaContext('ingest', 'request-2')));

    const documents = emfLines(first.lines);
    const business = documents.find((document) => 'SubmissionsAccepted' in document);
    expect(business).toMatchObject({
      _aws: {
        CloudWatchMetrics: [
          {
            Namespace: 'StrategyReport',
            Dimensions: [['service']],
            Metrics: expect.arrayContaining([
              { Name: 'SubmissionsAccepted', Unit: 'Count' },
              { Name: 'RowsIngested', Unit: 'Count' },
            ]),
          },
        ],
      },
      service: 'strategy-report',
      SubmissionsAccepted: [1, 1],
      RowsIngested: 44,
    });
    // No metrics: no document, and no "No application metrics to publish" warning either.
    expect(quiet.lines).toEqual([]);
    expect(quiet.other).toEqual([]);
  });

  it('logs a failed invocation with its context, publishes what it counted, and throws the failure on', async () => {
    const observability = createPowertoolsObservability();
    const handler = observability.lambdaHandler(async () => {
      observability.businessMetrics.count(BUSINESS_METRICS.emailsFailed);
      await observability.withRecordKeys({ period: '2026-10' }, async () => {
        throw new Error('SES refused the message');
      });
    });

    const run = await capturingOutput(() => handler({}, lambdaContext('notify', 'request-9')));

    expect(run.error).toEqual(new Error('SES refused the message'));
    expect(logLines(run.lines)).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'invocation failed',
        function_request_id: 'request-9',
        error: expect.objectContaining({ name: 'Error', message: 'SES refused the message' }),
      }),
    ]);
    expect(emfLines(run.lines).find((document) => 'EmailsFailed' in document)).toMatchObject({
      EmailsFailed: 1,
    });
  });

  it('captures every AWS client for X-Ray tracing inside Lambda, and leaves them alone outside it', () => {
    const middlewareNames = (clients: ReturnType<typeof createAwsClients>) =>
      [clients.dynamodb, clients.documents, clients.s3, clients.ses, clients.cloudformation].map((client) =>
        client.middlewareStack.identify().filter((name) => name.startsWith('XRaySDKInstrumentation')),
      );

    vi.stubEnv('AWS_EXECUTION_ENV', 'AWS_Lambda_nodejs24.x');
    const inLambda = createPowertoolsObservability();
    expect(inLambda.tracer.isTracingEnabled()).toBe(true);
    const traced = createAwsClients({ region: 'us-east-1' }, inLambda.captureAwsClient);
    expect(middlewareNames(traced)).toEqual(Array(5).fill(['XRaySDKInstrumentation - build']));
    traced.destroy();

    vi.unstubAllEnvs();
    const elsewhere = createPowertoolsObservability();
    expect(elsewhere.tracer.isTracingEnabled()).toBe(false);
    const untraced = createAwsClients({ region: 'us-east-1' }, elsewhere.captureAwsClient);
    expect(middlewareNames(untraced)).toEqual(Array(5).fill([]));
    untraced.destroy();
  });

  it('traces the handler as a subsegment of the function’s segment, annotated with the cold start and service', async () => {
    vi.stubEnv('AWS_EXECUTION_ENV', 'AWS_Lambda_nodejs24.x');
    vi.stubEnv('_HANDLER', 'index.handler');
    const observability = createPowertoolsObservability();
    const handler = observability.lambdaHandler(async () => 'traced');
    const facade = new xray.Segment('strategy-report-render');

    const run = await capturingOutput(() =>
      xray.getNamespace().runPromise(async () => {
        observability.tracer.setSegment(facade);
        const response = await handler({}, lambdaContext('render', 'request-3'));
        return { response, after: observability.tracer.getSegment() };
      }),
    );

    expect(run.result?.response).toBe('traced');
    expect(run.result?.after).toBe(facade);
    const [handlerSegment] = (facade.subsegments ?? []) as unknown as {
      name: string;
      annotations: Record<string, unknown>;
      end_time?: number;
    }[];
    expect(handlerSegment).toMatchObject({
      name: '## index.handler',
      annotations: { ColdStart: expect.any(Boolean), Service: 'strategy-report' },
    });
    expect(handlerSegment?.end_time).toBeGreaterThan(0);
  });
});
