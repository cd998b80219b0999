import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectXlsxContainer } from '../../../../shared/adapters/excel/xlsx-container-inspection';
import { defaultLimits, filledTemplate } from '../../../support/templates';
import {
  declareUncompressedSize,
  editPart,
  markEncrypted,
  rewriteParts,
  smuggleEntry,
} from '../../../support/zip-surgery';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../fixtures/workbooks/${name}`, import.meta.url));
const inspect = async (bytes: Buffer, limits = defaultLimits) =>
  (await inspectXlsxContainer(bytes, limits, 'up.xlsx')).problems.map(
    (problem) => `${problem.rule}: ${problem.message}`,
  );

describe('inspectXlsxContainer', () => {
  let workbook: Buffer;
  beforeAll(async () => {
    workbook = await filledTemplate();
  });

  it('passes a template and a workbook LibreOffice re-saved', async () => {
    expect(await inspect(workbook)).toEqual([]);
    expect(await inspect(fixture('OFO-2026-10-libreoffice-resaved.xlsx'))).toEqual([]);
  });

  it('names what a file is when it is not an xlsx, by its bytes', async () => {
    expect(await inspect(Buffer.alloc(0))).toEqual([
      'file.empty: the file is empty (0 bytes): upload the saved workbook',
    ]);
    expect(await inspect(Buffer.from('Activity ID,Status\n1.1.4,On Track\n'))).toEqual([
      'file.not-xlsx: the file is text (for example CSV), not an Excel workbook: open it in Excel or LibreOffice and save it as Excel Workbook (.xlsx)',
    ]);
    expect(await inspect(Buffer.from('%PDF-1.7\n%\xe2\xe3\n1 0 obj\n', 'latin1'))).toEqual([
      'file.not-xlsx: the file is a PDF document, not an Excel workbook: upload the .xlsx template you filled in',
    ]);
    expect(await inspect(fixture('OFO-2026-10-excel97.xls'))).toEqual([
      'file.legacy-xls: the file is an old-format Excel 97-2003 (.xls) or other Office file: open it in Excel or LibreOffice and save it as Excel Workbook (.xlsx)',
    ]);
    expect(
      await inspect(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])),
    ).toEqual([
      'file.not-xlsx: the file is not an Excel workbook: open it in Excel or LibreOffice and save it as Excel Workbook (.xlsx)',
    ]);
  });

  it('recognises a password-protected workbook', async () => {
    expect(await inspect(fixture('password-protected.xlsx'))).toEqual([
      'file.password-protected: the workbook is password-protected (encrypted), so it cannot be read: remove the password (File > Info > Protect Workbook) and upload it again',
    ]);
    expect(await inspect(markEncrypted(workbook))).toEqual([
      'file.password-protected: the workbook has encrypted parts, so it cannot be read: save it without a password and upload it again',
    ]);
  });

  it('recognises a truncated zip', async () => {
    expect(await inspect(workbook.subarray(0, Math.floor(workbook.length / 2)))).toEqual([
      'file.truncated: the file is cut short (an incomplete upload or copy): save the workbook again and upload it again',
    ]);
  });

  it('refuses a zip bomb by its declared sizes and ratios, before unpacking anything', async () => {
    const bomb = await rewriteParts(workbook, (parts) => {
      parts.set('xl/media/padding.bin', Buffer.alloc(2 * 1024 * 1024));
    });
    expect(await inspect(bomb)).toEqual([
      expect.stringMatching(
        /^zip\.compression-ratio: the part xl\/media\/padding\.bin expands \d+:1 when unpacked; at most 100:1 is accepted \(a "zip bomb"\)$/,
      ),
    ]);
    expect(await inspect(declareUncompressedSize(workbook, 'xl/worksheets/sheet2.xml', 0xfffffff0))).toEqual([
      expect.stringMatching(/^zip\.(compression-ratio|uncompressed-size): /),
    ]);
    const big = await rewriteParts(workbook, (parts) => {
      parts.set('xl/media/a.bin', randomBytes(300_000));
    });
    expect(await inspect(big, { ...defaultLimits, maxUncompressedBytes: 200_000 })).toEqual([
      expect.stringMatching(
        /^zip\.uncompressed-size: the workbook unpacks to 0\.\d MB; at most 0\.2 MB is accepted$/,
      ),
    ]);
  });

  it('refuses more zip entries than the limit', async () => {
    expect(await inspect(workbook, { ...defaultLimits, maxZipEntries: 5 })).toEqual([
      expect.stringMatching(/^zip\.too-many-entries: the workbook has \d+ parts; at most 5 are accepted$/),
    ]);
  });

  it('refuses a DOCTYPE or ENTITY in any XML part', async () => {
    const doctype = await editPart(workbook, 'xl/worksheets/sheet2.xml', (xml) =>
      xml.replace('?>', '?><!DOCTYPE worksheet [<!ENTITY boom "boom">]>'),
    );
    expect(await inspect(doctype)).toEqual([
      'xml.doctype: the part xl/worksheets/sheet2.xml declares a DOCTYPE or ENTITY, which workbooks never need and which is refused for safety',
    ]);
    const entity = await editPart(workbook, '[Content_Types].xml', (xml) => `${xml}<!entity x "y">`);
    expect(await inspect(entity)).toEqual([
      expect.stringMatching(/^xml\.doctype: the part \[Content_Types\]\.xml/),
    ]);
  });

  it('refuses UTF-16 XML parts', async () => {
    const utf16 = await rewriteParts(workbook, (parts) => {
      const xml = parts.get('docProps/app.xml')?.toString('utf8') ?? '';
      parts.set('docProps/app.xml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]));
    });
    expect(await inspect(utf16)).toEqual([
      'xml.encoding: the part docProps/app.xml is not UTF-8 XML, which Excel always writes',
    ]);
  });

  it('refuses entries hidden from the table of contents, which a streaming parser would still read', async () => {
    expect(await inspect(smuggleEntry(workbook))).toEqual([
      'file.corrupt: the file has data outside its table of contents near xl/workbook.xml',
    ]);
  });

  it('refuses a zip that is not a workbook', async () => {
    const notWorkbook = await rewriteParts(workbook, (parts) => {
      parts.clear();
      parts.set('word/document.xml', Buffer.from('<w/>'));
    });
    expect(await inspect(notWorkbook)).toEqual([
      'file.not-xlsx: the file is a zip archive but not an Excel workbook (it has no xl/workbook.xml)',
    ]);
  });
});
