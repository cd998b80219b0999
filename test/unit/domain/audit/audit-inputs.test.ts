import { describe, expect, it } from 'vitest';
import { reportDownloadPath } from '../../../../shared/domain/audit/download-path';
import {
  DEFAULT_URL_EXPIRY_SECONDS,
  MAX_URL_EXPIRY_SECONDS,
  parseUrlExpiry,
} from '../../../../shared/domain/audit/presign-expiry';
import { parseReportVersion } from '../../../../shared/domain/audit/report-version';
import { InvalidInputError } from '../../../../shared/domain/errors';

describe('--expires', () => {
  it('is one hour by default and at most seven days', () => {
    expect(parseUrlExpiry(undefined)).toBe(3600);
    expect(DEFAULT_URL_EXPIRY_SECONDS).toBe(3600);
    expect(parseUrlExpiry('1')).toBe(1);
    expect(parseUrlExpiry('604800')).toBe(MAX_URL_EXPIRY_SECONDS);
    expect(MAX_URL_EXPIRY_SECONDS).toBe(7 * 24 * 3600);
  });

  it.each(['0', '604801', '-1', '1.5', '1e3', '', 'an hour', '99999999999'])(
    'refuses %j with the rule',
    (text) => {
      expect(() => parseUrlExpiry(text)).toThrow(InvalidInputError);
      expect(() => parseUrlExpiry(text)).toThrow(
        `option --expires: "${text}" is not a valid expiry: give whole seconds from 1 to 604800 (7 days, the longest S3 allows for a presigned URL) [url.expires]`,
      );
    },
  );
});

describe('--version', () => {
  it('accepts 2, 0002 and v0002', () => {
    expect(parseReportVersion('2')).toBe(2);
    expect(parseReportVersion('0002')).toBe(2);
    expect(parseReportVersion('v0002')).toBe(2);
    expect(parseReportVersion('V12')).toBe(12);
  });

  it.each(['0', 'v0', 'latest', '10000', '-1', '1.0'])('refuses %j', (text) => {
    expect(() => parseReportVersion(text)).toThrow('[report.version]');
  });
});

describe('the path reports get writes to', () => {
  it('mirrors the bucket layout from validated parts', () => {
    expect(reportDownloadPath('2026-10', 3, 'brief.pdf')).toEqual(['2026-10', 'v0003', 'brief.pdf']);
    expect(reportDownloadPath('2026-10', 1, 'manifest.json')).toEqual(['2026-10', 'v0001', 'manifest.json']);
  });

  it.each([
    ['../..', 1, 'brief.pdf'],
    ['2026-10', 0, 'brief.pdf'],
    ['2026-10', 1.5, 'brief.pdf'],
    ['2026-10', 1, '../brief.pdf'],
    ['2026-10', 1, 'evil.sh'],
  ])('refuses %j %j %j', (period, version, name) => {
    expect(() => reportDownloadPath(period, version, name)).toThrow('no download path');
  });
});
