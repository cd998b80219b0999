import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../shared/domain/errors';
import { parsePeriod } from '../../../shared/domain/period';
import { annotatedKey, parseUploadKey, safeFileName, uploadKey } from '../../../shared/storage/object-keys';

function refusal(key: string, encoded = true): string {
  try {
    parseUploadKey(key, { encoded });
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    const problem = (error as InvalidInputError).problems[0];
    expect(problem?.rule).toBe('upload.key');
    return problem?.message ?? '';
  }
  throw new Error(`expected ${key} to be refused`);
}

describe('upload keys', () => {
  it('parses uploads/<office>/<period>/<file>.xlsx, decoding S3 event encoding once', () => {
    expect(parseUploadKey('uploads/OFO/2026-10/OFO+October+%282%29.xlsx', { encoded: true })).toEqual({
      office: 'OFO',
      period: '2026-10',
      fileName: 'OFO October (2).xlsx',
    });
    expect(parseUploadKey('uploads/OT/2026-10/ot.XLSX', { encoded: false }).fileName).toBe('ot.XLSX');
  });

  it('refuses keys that could address another place', () => {
    expect(refusal('uploads/OFO/2026-10/..%2Fsecret.xlsx')).toBe('the object key contains an encoded slash');
    expect(refusal('uploads/OFO/2026-10/a%5Cb.xlsx')).toBe('the object key contains an encoded slash');
    expect(refusal('uploads/OFO/../2026-10/a.xlsx')).toBe('the object key contains a ../ or ./ path segment');
    expect(refusal('uploads/OFO/2026-10/a%0Ab.xlsx')).toBe('the object key contains control characters');
    expect(refusal('uploads/OFO/2026-10/a%252Fb.xlsx')).toBe('the object key is encoded twice');
    expect(refusal('uploads/OFO/2026-10/%E0%A4%A.xlsx')).toBe('the object key is not valid URL encoding');
  });

  it('refuses keys outside the layout', () => {
    expect(refusal('reports/OFO/2026-10/a.xlsx')).toMatch(/must be uploads\//);
    expect(refusal('uploads/ofo/2026-10/a.xlsx')).toBe('"ofo" is not an office code');
    expect(refusal('uploads/OFO/2026-13/a.xlsx')).toBe('"2026-13" is not a reporting period (YYYY-MM)');
    expect(refusal('uploads/OFO/2026-10/report.csv')).toMatch(/must end in \.xlsx/);
    expect(refusal('uploads/OFO/2026-10/.hidden.xlsx')).toMatch(/must end in \.xlsx/);
  });

  it('builds keys only from safe parts', () => {
    expect(safeFileName('C:\\Users\\me\\My Report (v2).XLSX')).toBe('My-Report-v2-.xlsx');
    expect(safeFileName('../../etc/passwd')).toBe('passwd.xlsx');
    expect(safeFileName('')).toBe('submission.xlsx');
    const key = uploadKey('USBP', parsePeriod('2026-10'), safeFileName('usbp.xlsx'));
    expect(key).toBe('uploads/USBP/2026-10/usbp.xlsx');
    expect(() => uploadKey('USBP', parsePeriod('2026-10'), 'a/b.xlsx')).toThrow(InvalidInputError);
    expect(annotatedKey(parseUploadKey(key, { encoded: false }), 'abc123')).toBe(
      'annotated/USBP/2026-10/usbp.abc123.errors.xlsx',
    );
  });
});
