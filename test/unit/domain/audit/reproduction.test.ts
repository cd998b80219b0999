import { describe, expect, it } from 'vitest';
import { compareReproduction } from '../../../../shared/domain/audit/reproduction';
import type { ManifestFile } from '../../../../shared/domain/report/report-manifest';

const file = (name: string, sha256: string): ManifestFile => ({
  name,
  key: `reports/2026-10/v0001/${name}`,
  contentType: 'x',
  size: 1,
  sha256,
});
const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);

describe('comparing a reproduction', () => {
  it('matches only when stored, recorded and reproduced bytes are the same', () => {
    const files = [file('brief.pdf', A), file('workbook.xlsx', A), file('brief.html', A), file('x.json', A)];
    const result = compareReproduction(
      files,
      new Map<string, string | null>([
        ['brief.pdf', A],
        ['workbook.xlsx', B],
        ['brief.html', A],
        ['x.json', null],
      ]),
      new Map([
        ['brief.pdf', A],
        ['workbook.xlsx', A],
        ['brief.html', C],
        ['x.json', A],
      ]),
    );
    expect(result.map((entry) => [entry.name, entry.matches])).toEqual([
      ['brief.pdf', true],
      ['workbook.xlsx', false],
      ['brief.html', false],
      ['x.json', false],
    ]);
    expect(result[0]).not.toHaveProperty('difference');
    expect(result[1]?.difference).toBe(
      `reports/2026-10/v0001/workbook.xlsx has SHA-256 ${B}, but the manifest records ${A}: the stored file was altered (rendering again gives the recorded bytes)`,
    );
    expect(result[2]?.difference).toBe(
      `rendering again gives SHA-256 ${C}, but the stored brief.html (as recorded) is ${A}`,
    );
    expect(result[3]?.difference).toBe('reports/2026-10/v0001/x.json is missing');
  });

  it('says when the renderer made no such file', () => {
    const [entry] = compareReproduction([file('brief.pdf', A)], new Map([['brief.pdf', A]]), new Map());
    expect(entry).toMatchObject({
      matches: false,
      reproducedSha256: null,
      difference: 'rendering again made no brief.pdf',
    });
  });
});
