import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbProgressRepository } from '../../shared/adapters/dynamodb/dynamodb-progress-repository';
import { runCli } from '../../shared/cli/run-cli';
import { parsePeriod } from '../../shared/domain/period';
import { openLocalRuntime } from '../../shared/local/local-runtime';
import { temporaryDataDirectory } from '../support/local-runtime';
import { runBin } from '../support/run-bin';
import { catalog } from '../support/submitted-workbooks';
import { editWorkbook, fillTemplate, setProgressCell } from '../support/workbooks';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (text: string) => out.push(text), err: (text: string) => err.push(text) }, out, err };
}
async function cli(args: string[]) {
  const { io, out, err } = capture();
  const code = await runCli(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('strategy-report template and submit', () => {
  const dataDir = temporaryDataDirectory('submit');
  const work = temporaryDataDirectory('files');
  const global = ['--data-dir', dataDir];
  let ofoFilled: string;

  beforeAll(() => {
    ofoFilled = join(work, 'OFO-filled.xlsx');
  });

  it.each(catalog.offices.map((office) => office.code))(
    '%s: a CLI template filled in by script is accepted; the same file changes nothing; an edit becomes revision 2',
    async (office) => {
      const template = join(work, `${office}.xlsx`);
      const made = await cli([
        ...global,
        'template',
        '--office',
        office,
        '--period',
        '2026-10',
        '--out',
        template,
        '--json',
      ]);
      expect(made.code, made.err).toBe(0);
      expect(JSON.parse(made.out)).toMatchObject({
        office,
        period: '2026-10',
        rows: catalog.activitiesOf(office).length,
        deadline: '2026-11-10',
        uploadPrefix: `uploads/${office}/2026-10/`,
        prefilledFrom: null,
      });
      const filled = join(work, `${office}-filled.xlsx`);
      await writeFile(filled, await fillTemplate(await readFile(template)));
      if (office === 'OFO') ofoFilled = filled;

      const first = await cli([...global, 'submit', filled, '--uploader', 'clerk@agency.example']);
      expect(first.code, first.err).toBe(0);
      expect(first.out).toMatch(
        new RegExp(
          `^accepted: ${office} 2026-10 revision 1, ${catalog.activitiesOf(office).length} rows \\(uploads/${office}/2026-10/${office}-filled\\.xlsx, SHA-256 [0-9a-f]{64}\\)`,
        ),
      );
      const again = await cli([...global, 'submit', filled]);
      expect(again.code).toBe(0);
      expect(again.out).toContain(
        `accepted, nothing changed: the same file is already revision 1 of ${office} 2026-10`,
      );

      const edited = join(work, `${office}-edited.xlsx`);
      await writeFile(
        edited,
        await editWorkbook(await readFile(filled), (workbook) =>
          setProgressCell(workbook, 2, 'percentComplete', 99),
        ),
      );
      const second = await cli([...global, 'submit', edited, '--json']);
      expect(second.code).toBe(0);
      expect(JSON.parse(second.out)).toMatchObject({ kind: 'accepted', office, revision: 2 });
    },
  );

  it('keeps revision 1 readable beside revision 2 for every office', async () => {
    const runtime = await openLocalRuntime({ dataDirectory: dataDir });
    try {
      const progress = new DynamoDbProgressRepository(runtime.clients.documents, {
        tableName: runtime.names.tableName,
      });
      const period = parsePeriod('2026-10');
      const currents = await progress.currentRevisions(period);
      expect(currents.map((record) => [record.office, record.revision]).sort()).toEqual(
        catalog.offices.map((office) => [office.code, 2]).sort(),
      );
      for (const office of catalog.offices) {
        const [one, two] = await Promise.all([
          progress.rows(office.code, period, 1),
          progress.rows(office.code, period, 2),
        ]);
        expect(one).toHaveLength(catalog.activitiesOf(office.code).length);
        expect(one[0]?.percentComplete).toBe(10);
        expect(two[0]?.percentComplete).toBe(99);
      }
    } finally {
      await runtime.close();
    }
  });

  it('exits 2 with every problem on its own line for a rejected workbook, and for a wrong prefix', async () => {
    const bad = join(work, 'bad.xlsx');
    await writeFile(
      bad,
      await editWorkbook(await readFile(ofoFilled), (workbook) => {
        setProgressCell(workbook, 2, 'status', 'Done');
        setProgressCell(workbook, 3, 'percentComplete', -5);
      }),
    );
    const rejected = await cli([...global, 'submit', bad]);
    expect(rejected.code).toBe(2);
    expect(rejected.out).toMatch(
      /^rejected: OFO 2026-10, 2 problems \(marked-up copy: annotated\/OFO\/2026-10\/bad\.[0-9a-f]{24}\.errors\.xlsx\)/,
    );
    expect(rejected.err.trim().split('\n')).toEqual([
      'error: bad.xlsx, sheet Progress, row 2, column Status: "Done" is not a status: choose one of Not Started, On Track, At Risk, Off Track, Complete [status.allowed-values]',
      'error: bad.xlsx, sheet Progress, row 3, column Percent Complete: -5 is outside 0 to 100: the percent complete is 0 to 100 [percent.range]',
    ]);
    const wrongPrefix = await cli([...global, 'submit', ofoFilled, '--office', 'USBP', '--json']);
    expect(wrongPrefix.code).toBe(2);
    expect(JSON.parse(wrongPrefix.out)).toMatchObject({ kind: 'rejected', office: 'USBP' });
    expect(wrongPrefix.err.split('\n')[0]).toBe(
      `error: OFO-filled.xlsx: the workbook is the template of office "OFO" but was uploaded under USBP's folder: upload each office's workbook to its own folder [metadata.office-mismatch]`,
    );
  });

  it('needs --office and --period for a file that is not a template, then answers it', async () => {
    const csv = join(work, 'report.csv');
    await writeFile(csv, 'Activity ID,Status\n');
    const unknown = await cli([...global, 'submit', csv]);
    expect(unknown.code).toBe(2);
    expect(unknown.err.trim()).toBe(
      `error: ${csv}: cannot tell the office and period from the workbook (it is not a readable template): give --office and --period [submit.office-period]`,
    );
    const answered = await cli([...global, 'submit', csv, '--office', 'OT', '--period', '2026-10']);
    expect(answered.code).toBe(2);
    expect(answered.err.trim()).toBe(
      'error: report.csv.xlsx: the file is text (for example CSV), not an Excel workbook: open it in Excel or LibreOffice and save it as Excel Workbook (.xlsx) [file.not-xlsx]',
    );
  });

  it('pre-fills the next period template with the accepted answers', async () => {
    const next = await cli([
      ...global,
      'template',
      '--office',
      'AMO',
      '--period',
      '2026-11',
      '--out',
      join(work, 'AMO-11.xlsx'),
    ]);
    expect(next.code).toBe(0);
    expect(next.out).toContain('pre-filled with the accepted answers of 2026-10 (revision 2)');
  });

  it('refuses an unknown office and a bad period', async () => {
    expect((await cli([...global, 'template', '--office', 'XX', '--period', '2026-10'])).err).toMatch(
      /^error: "XX" is not an office of catalog .* \[office\.unknown\]/,
    );
    expect((await cli([...global, 'template', '--office', 'OFO', '--period', '2026-13'])).err).toBe(
      'error: option --period: "2026-13" is not a reporting period: use YYYY-MM between 2000 and 2100, e.g. 2026-10 [period.format]',
    );
  });
});

describe('strategy-report submit, on template version 2', () => {
  it('warns of a previous-version workbook within the grace period, and names the rows sent again unchanged', async () => {
    const dataDir = temporaryDataDirectory('submit-v2');
    const work = temporaryDataDirectory('files-v2');
    const config = join(work, 'config.json');
    await writeFile(config, JSON.stringify({ submissions: { previousTemplateGraceUntil: '2099-12-31' } }));
    const global = ['--data-dir', dataDir, '--config', config];
    const v1 = join(work, 'OFO-2026-10.xlsx');
    await writeFile(
      v1,
      await readFile(
        new URL('../fixtures/workbooks/OFO-2026-10-v1-libreoffice-resaved.xlsx', import.meta.url),
      ),
    );
    const old = await cli([...global, 'submit', v1]);
    expect(old.code, old.err).toBe(0);
    expect(old.err).toMatch(
      /^warning: OFO-2026-10\.xlsx: this workbook is on template version 1, accepted until 2099-12-31: .* \[template\.previous-version\]$/,
    );

    const november = join(work, 'OFO-2026-11.xlsx');
    expect(
      (await cli([...global, 'template', '--office', 'OFO', '--period', '2026-11', '--out', november])).code,
    ).toBe(0);
    // The pre-filled At Risk and Off Track rows (every fifth row from the third and fourth) now need
    // Mitigation / Next Steps, which version 1 did not ask for; the other fourteen are sent as they were.
    const troubled = (index: number) => index % 5 === 2 || index % 5 === 3;
    await writeFile(
      november,
      await fillTemplate(await readFile(november), (_id, index) =>
        troubled(index) ? { mitigation: 'a second vendor is qualified' } : {},
      ),
    );
    const again = await cli([...global, 'submit', november]);
    expect(again.code, again.err).toBe(0);
    expect(again.out.split('\n')[1]).toMatch(
      /^unchanged since last period: 14 rows \(1\.1\.4, 1\.2\.3, 2\.3\.3, /,
    );
  });
});

describe('the strategy-report executable', () => {
  it('writes a template and submits it, as a user would', async () => {
    const dataDir = temporaryDataDirectory('bin-submit');
    const file = join(temporaryDataDirectory('bin-files'), 'ES-2026-10.xlsx');
    const made = runBin([
      '--data-dir',
      dataDir,
      'template',
      '--office',
      'ES',
      '--period',
      '2026-10',
      '--out',
      file,
    ]);
    expect(made.status, made.stderr).toBe(0);
    await writeFile(file, await fillTemplate(await readFile(file)));
    const submitted = runBin(['--data-dir', dataDir, 'submit', file]);
    expect(submitted.status, submitted.stderr).toBe(0);
    expect(submitted.stdout).toMatch(/^accepted: ES 2026-10 revision 1, 21 rows/);
  });
});
