import { describe, expect, it } from 'vitest';
import { awsDependencies } from '../../../shared/composition/aws-dependencies';
import { RecordingLog } from '../../support/fakes/recording-log';
import { RecordingMetrics } from '../../support/fakes/recording-metrics';

const environment = {
  AWS_REGION: 'us-east-1',
  TABLE_NAME: 'table-1',
  REPORTS_BUCKET: 'reports-1',
  PRODUCT_CONFIG: JSON.stringify({ timeZone: 'America/Chicago' }),
};

describe('awsDependencies', () => {
  it('wires the names a function was given and the configuration it carries', () => {
    const deps = awsDependencies(['tableName', 'reportsBucket'], { environment });
    expect(deps.names.tableName).toBe('table-1');
    expect(deps.reportObjects.bucket).toBe('reports-1');
    expect(deps.config.timeZone).toBe('America/Chicago');
    expect(deps.catalog.id).toBe('cbp-strategy-2024-2028');
  });

  it('gives a bucket the function was not deployed with as a store that names the missing variable', () => {
    const deps = awsDependencies(['tableName', 'reportsBucket'], { environment });
    expect(() => deps.uploads.head('uploads/OFO/2026-10/a.xlsx')).toThrow(
      "this function has no UPLOADS_BUCKET: add it to the function's awsDependencies list and its stack bindings",
    );
  });

  it('refuses to start without a variable it requires', () => {
    expect(() => awsDependencies(['tableName', 'uploadsBucket'], { environment })).toThrow(
      'missing environment variables: UPLOADS_BUCKET',
    );
  });

  it('captures every AWS client it builds and reports through the function’s log and metrics', async () => {
    const captured: string[] = [];
    const log = new RecordingLog();
    const metrics = new RecordingMetrics();
    const deps = awsDependencies(['tableName', 'reportsBucket'], {
      environment,
      observability: {
        log,
        businessMetrics: metrics,
        captureAwsClient: (client) => {
          captured.push(client.constructor.name);
          return client;
        },
      },
    });
    expect(captured.sort()).toEqual(['CloudFormationClient', 'DynamoDBClient', 'S3Client', 'SESv2Client']);
    expect(deps.log).toBe(log);
    expect(deps.metrics).toBe(metrics);
  });
});
