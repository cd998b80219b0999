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

  it('says plainly when only the software differs: rendered by one version, now another, stored file as recorded', () => {
    const files = [file('brief.pdf', A), file('workbook.xlsx', A), file('brief.html', A)];
    const stored = new Map<string, string | null>([
      ['brief.pdf', A],
      ['workbook.xlsx', B],
      ['brief.html', A],
    ]);
    const reproduced = new Map([
      ['brief.pdf', C],
      ['workbook.xlsx', C],
      ['brief.html', A],
    ]);
    const [pdf, workbook, html] = compareReproduction(files, stored, reproduced, {
      recorded: '0.1.0',
      running: '0.2.0',
    });
    expect(pdf).toMatchObject({ matches: false, rendererChanged: true });
    expect(pdf?.difference).toBe(
      `rendered by strategy-report 0.1.0, now 0.2.0: the renderer changed, so rendering again gives SHA-256 ${C}; the stored brief.pdf is as recorded (${A}), not altered`,
    );
    // An altered file is still called altered, whatever software is running.
    expect(workbook).not.toHaveProperty('rendererChanged');
    expect(workbook?.difference).toContain('the stored file was altered');
    expect(html).toMatchObject({ matches: true });
    // The same software rendering other bytes is a real difference.
    const [same] = compareReproduction(files.slice(0, 1), stored, reproduced, {
      recorded: '0.2.0',
      running: '0.2.0',
    });
    expect(same).not.toHaveProperty('rendererChanged');
    expect(same?.difference).toBe(
      `rendering again gives SHA-256 ${C}, but the stored brief.pdf (as recorded) is ${A}`,
    );
  });
});
