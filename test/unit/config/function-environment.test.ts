import { describe, expect, it } from 'vitest';
import { readFunctionEnvironment } from '../../../shared/config/function-environment';

describe('readFunctionEnvironment', () => {
  it('reads names and the product configuration once', () => {
    const environment = readFunctionEnvironment(['tableName', 'uploadsBucket'], {
      AWS_REGION: 'us-gov-west-1',
      TABLE_NAME: 'table-1',
      UPLOADS_BUCKET: 'uploads-1',
      PRODUCT_CONFIG: JSON.stringify({ timeZone: 'America/Chicago' }),
    });
    expect(environment).toMatchObject({
      region: 'us-gov-west-1',
      tableName: 'table-1',
      uploadsBucket: 'uploads-1',
    });
    expect(environment.productConfig.timeZone).toBe('America/Chicago');
    expect(environment.productConfig.submissionDeadlineDay).toBe(10);
  });

  it('fails fast naming every missing variable', () => {
    expect(() => readFunctionEnvironment(['tableName', 'reportsBucket'], {})).toThrow(
      'missing environment variables: TABLE_NAME, REPORTS_BUCKET, PRODUCT_CONFIG, AWS_REGION',
    );
  });

  it('refuses a configuration the schema refuses', () => {
    expect(() =>
      readFunctionEnvironment([], {
        AWS_REGION: 'us-east-1',
        PRODUCT_CONFIG: JSON.stringify({ timeZone: 'Mars/Base' }),
      }),
    ).toThrow(/timeZone: not an IANA time zone/);
  });
});
