import { afterEach, describe, expect, it, vi } from 'vitest';

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
    await expect(entry.handler({ period: 'not-a-period' })).rejects.toThrow(/\[period\.format\]/);
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
