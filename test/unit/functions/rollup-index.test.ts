import { afterEach, describe, expect, it, vi } from 'vitest';
import { capturingOutput } from '../../support/captured-output';
import { lambdaContext } from '../../support/lambda-context';

describe('functions/rollup/index.ts, the AWS entry', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('builds its dependencies once from the environment and exports the handler', async () => {
    vi.stubEnv('AWS_REGION', 'us-east-1');
    vi.stubEnv('TABLE_NAME', 'strategy-report-table');
    vi.stubEnv('REPORTS_BUCKET', 'strategy-report-reports');
    vi.stubEnv('PRODUCT_CONFIG', JSON.stringify({ timeZone: 'America/New_York' }));
    const entry = await import('../../../functions/rollup/index');
    expect(entry.handler).toBeTypeOf('function');
    const run = await capturingOutput(() =>
      entry.handler({ period: 'not-a-period' }, lambdaContext('rollup', 'request-1')),
    );
    expect(String(run.error)).toMatch(/\[period\.format\]/);
    // The failure is logged as JSON with the request id before Lambda sees it.
    expect(run.lines).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        message: 'invocation failed',
        function_request_id: 'request-1',
        service: 'strategy-report',
      }),
    );
  });

  it('fails its cold start naming every missing variable', async () => {
    vi.stubEnv('AWS_REGION', 'us-east-1');
    vi.stubEnv('TABLE_NAME', '');
    vi.stubEnv('REPORTS_BUCKET', '');
    vi.stubEnv('PRODUCT_CONFIG', '{}');
    await expect(import('../../../functions/rollup/index')).rejects.toThrow(
      'missing environment variables: TABLE_NAME, REPORTS_BUCKET',
    );
  });
});
