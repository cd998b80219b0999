import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import type { SubmissionLimits } from '../../config/product-config';
import type { InputProblem } from '../../domain/errors';
import { unlimitedBudget, type WorkBudget, WorkBudgetExceeded } from '../../domain/submission/work-budget';
import { structureProblems } from '../../domain/submission/workbook-limits';

/**
 * Checks that uploaded bytes are an .xlsx that is safe to hand to a parser, BEFORE any parser
 * sees them: what the file is (by its first bytes, not its name), then the zip's central
 * directory (entry count, declared sizes, compression ratio, encryption), that the entries the
 * streaming parser will read are exactly the ones the directory lists, that no XML part is larger
 * than the limit, and that none declares a DOCTYPE or ENTITY. Unpacking stops as soon as a part
 * yields more than it declared, or when the budget is spent (`WorkBudgetExceeded` is thrown).
 */
export interface ContainerInspection {
  readonly problems: readonly InputProblem[];
  /** Entry names in zip order, when the file is a readable zip. */
  readonly entries: readonly string[];
}

const ZIP_LOCAL_HEADER = 0x04034b50;
const ZIP_CENTRAL_HEADER = 0x02014b50;
const OLE2_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** Office stores a password-protected .xlsx as an OLE2 file holding these streams (names in UTF-16LE). */
const ENCRYPTED_PACKAGE_STREAMS = ['EncryptionInfo', 'EncryptedPackage'].map((name) =>
  Buffer.from(name, 'utf16le'),
);
/** Entries smaller than this cannot be a bomb, whatever their ratio. */
const RATIO_FLOOR_BYTES = 64 * 1024;
/** A data descriptor follows an entry's data when bit 3 is set: 12 or 20 bytes, plus an optional 4-byte signature. */
const DATA_DESCRIPTOR_SIZES = [12, 16, 20, 24];
const XML_PART = /\.(xml|rels|vml)$/i;
const FORBIDDEN_MARKUP = /<!(DOCTYPE|ENTITY)/i;
const MARKUP_OVERLAP = '<!DOCTYPE'.length;

type Add = (rule: string, message: string) => void;

export async function inspectXlsxContainer(
  bytes: Buffer,
  limits: SubmissionLimits,
  file: string,
  budget: WorkBudget = unlimitedBudget,
): Promise<ContainerInspection> {
  const problems: InputProblem[] = [];
  const add: Add = (rule, message) => problems.push({ rule, message, file });
  const kind = sniff(bytes);
  if (kind !== 'zip') {
    add(...describeNonZip(kind));
    return { problems, entries: [] };
  }
  let zip: ZipFile;
  try {
    // Sizes are enforced while unpacking (scanStream): yauzl's own check would stop at an
    // encrypted entry before its flag could be reported as such.
    zip = await yauzl.fromBufferPromise(bytes, {
      lazyEntries: true,
      validateEntrySizes: false,
      strictFileNames: true,
    });
  } catch (error) {
    if (/end of central directory/i.test(zipReason(error)))
      add(
        'file.truncated',
        'the file is cut short (an incomplete upload or copy): save the workbook again and upload it again',
      );
    else
      add(
        'file.corrupt',
        `the file is damaged (${zipReason(error)}): save the workbook again and upload it again`,
      );
    return { problems, entries: [] };
  }
  if (zip.entryCount > limits.maxZipEntries) {
    add(
      'zip.too-many-entries',
      `the workbook has ${zip.entryCount} parts; at most ${limits.maxZipEntries} are accepted`,
    );
    zip.close();
    return { problems, entries: [] };
  }
  const entries: Entry[] = [];
  try {
    for await (const entry of zip.eachEntry()) entries.push(entry);
  } catch (error) {
    add(
      'file.corrupt',
      `the file is damaged (${zipReason(error)}): save the workbook again and upload it again`,
    );
    return { problems, entries: [] };
  }
  const names = entries.map((entry) => entry.fileName);
  try {
    checkDirectory(entries, limits, add);
    if (problems.length === 0) await checkLocalHeaders(zip, bytes, entries, add);
    if (problems.length === 0 && !names.includes('xl/workbook.xml'))
      add('file.not-xlsx', 'the file is a zip archive but not an Excel workbook (it has no xl/workbook.xml)');
    if (problems.length === 0) await scanXmlParts(zip, entries, add, budget);
  } finally {
    zip.close();
  }
  return { problems, entries: names };
}

type FileKind = 'empty' | 'zip' | 'ole2' | 'ole2-encrypted' | 'pdf' | 'text' | 'unknown';

function sniff(bytes: Buffer): FileKind {
  if (bytes.length === 0) return 'empty';
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === ZIP_LOCAL_HEADER) return 'zip';
  if (bytes.subarray(0, 8).equals(OLE2_SIGNATURE))
    return ENCRYPTED_PACKAGE_STREAMS.some((name) => bytes.includes(name)) ? 'ole2-encrypted' : 'ole2';
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  return looksLikeText(bytes.subarray(0, 4096)) ? 'text' : 'unknown';
}

function looksLikeText(head: Buffer): boolean {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, lastCompleteUtf8(head)));
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters mean binary
    return !/[\u0000-\u0008\u000e-\u001f]/.test(text);
  } catch {
    return false;
  }
}

/** Where the last whole UTF-8 character of a truncated sample ends. */
function lastCompleteUtf8(head: Buffer): number {
  let end = head.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = head[end - back] as number;
    if ((byte & 0xc0) === 0x80) continue;
    const width = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    if (width > back) end -= back;
    break;
  }
  return end;
}

function describeNonZip(kind: Exclude<FileKind, 'zip'>): [string, string] {
  const resave = 'open it in Excel or LibreOffice and save it as Excel Workbook (.xlsx)';
  switch (kind) {
    case 'empty':
      return ['file.empty', 'the file is empty (0 bytes): upload the saved workbook'];
    case 'ole2-encrypted':
      return [
        'file.password-protected',
        'the workbook is password-protected (encrypted), so it cannot be read: remove the password (File > Info > Protect Workbook) and upload it again',
      ];
    case 'ole2':
      return [
        'file.legacy-xls',
        `the file is an old-format Excel 97-2003 (.xls) or other Office file: ${resave}`,
      ];
    case 'pdf':
      return [
        'file.not-xlsx',
        'the file is a PDF document, not an Excel workbook: upload the .xlsx template you filled in',
      ];
    case 'text':
      return ['file.not-xlsx', `the file is text (for example CSV), not an Excel workbook: ${resave}`];
    case 'unknown':
      return ['file.not-xlsx', `the file is not an Excel workbook: ${resave}`];
  }
}

function zipReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/[^\x20-\x7e]/g, '').slice(0, 120);
}

function checkDirectory(entries: readonly Entry[], limits: SubmissionLimits, add: Add): void {
  const seen = new Set<string>();
  let declared = 0;
  for (const entry of entries) {
    if (seen.has(entry.fileName)) {
      add('file.corrupt', `the file lists the part ${entry.fileName.slice(0, 80)} twice`);
      return;
    }
    seen.add(entry.fileName);
    if (entry.isEncrypted()) {
      add(
        'file.password-protected',
        'the workbook has encrypted parts, so it cannot be read: save it without a password and upload it again',
      );
      return;
    }
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
      add(
        'file.corrupt',
        `the part ${entry.fileName.slice(0, 80)} uses a compression method Excel does not write`,
      );
      return;
    }
    declared += entry.uncompressedSize;
    if (
      entry.uncompressedSize > RATIO_FLOOR_BYTES &&
      entry.uncompressedSize > entry.compressedSize * limits.maxCompressionRatio
    ) {
      const ratio =
        entry.compressedSize === 0
          ? 'unbounded'
          : `${Math.round(entry.uncompressedSize / entry.compressedSize)}:1`;
      add(
        'zip.compression-ratio',
        `the part ${entry.fileName.slice(0, 80)} expands ${ratio} when unpacked; at most ${limits.maxCompressionRatio}:1 is accepted (a "zip bomb")`,
      );
      return;
    }
  }
  if (declared > limits.maxUncompressedBytes) {
    add(
      'zip.uncompressed-size',
      `the workbook unpacks to ${megabytes(declared)} MB; at most ${megabytes(limits.maxUncompressedBytes)} MB is accepted`,
    );
    return;
  }
  // Each XML part is parsed whole by someone: bound each, not only their sum.
  const large = entries.find(
    (entry) => XML_PART.test(entry.fileName) && entry.uncompressedSize > limits.maxXmlPartBytes,
  );
  if (large) {
    const problem = structureProblems.partSize(
      large.fileName,
      large.uncompressedSize,
      limits.maxXmlPartBytes,
    );
    add(problem.rule, problem.message);
  }
}

const megabytes = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);

/**
 * The streaming parser reads local headers front to back, while the checks above read the
 * central directory. Make sure both see the same thing: each local header matches its directory
 * entry, entries follow one another from the first byte with nothing hidden between them, and the
 * last one ends where the central directory begins.
 */
async function checkLocalHeaders(
  zip: ZipFile,
  bytes: Buffer,
  entries: readonly Entry[],
  add: Add,
): Promise<void> {
  const ordered = [...entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
  let expectedStart = 0;
  for (const [index, entry] of ordered.entries()) {
    const hidden = () =>
      add(
        'file.corrupt',
        `the file has data outside its table of contents near ${entry.fileName.slice(0, 80)}`,
      );
    if (entry.relativeOffsetOfLocalHeader !== expectedStart) return hidden();
    const local = await zip.readLocalFileHeaderPromise(entry);
    const hasDescriptor = (local.generalPurposeBitFlag & 0x8) !== 0;
    const sizesKnown = !hasDescriptor && local.compressedSize !== 0xffffffff;
    if (
      !local.fileName.equals(entry.fileNameRaw) ||
      local.compressionMethod !== entry.compressionMethod ||
      (sizesKnown &&
        (local.compressedSize !== entry.compressedSize || local.uncompressedSize !== entry.uncompressedSize))
    ) {
      add(
        'file.corrupt',
        `the part ${entry.fileName.slice(0, 80)} is described two different ways in the file`,
      );
      return;
    }
    const dataEnd = local.fileDataStart + entry.compressedSize;
    const isLast = index === ordered.length - 1;
    const nextSignature = isLast ? ZIP_CENTRAL_HEADER : ZIP_LOCAL_HEADER;
    const gaps = hasDescriptor ? DATA_DESCRIPTOR_SIZES : [0];
    const gap = gaps.find((candidate) => {
      const at = dataEnd + candidate;
      if (at + 4 > bytes.length || bytes.readUInt32LE(at) !== nextSignature) return false;
      return isLast || at === (ordered[index + 1] as Entry).relativeOffsetOfLocalHeader;
    });
    if (gap === undefined) return hidden();
    expectedStart = dataEnd + gap;
  }
}

/** Streams every XML part through a bounded scan for DOCTYPE and ENTITY declarations. */
async function scanXmlParts(
  zip: ZipFile,
  entries: readonly Entry[],
  add: Add,
  budget: WorkBudget,
): Promise<void> {
  for (const entry of entries) {
    if (!XML_PART.test(entry.fileName) || entry.fileName.endsWith('/')) continue;
    let stream: Readable;
    try {
      stream = await zip.openReadStreamPromise(entry);
    } catch (error) {
      add('file.corrupt', `the part ${entry.fileName.slice(0, 80)} cannot be unpacked (${zipReason(error)})`);
      return;
    }
    const verdict = await scanStream(stream, entry.uncompressedSize, budget);
    if (verdict === 'clean') continue;
    if (verdict === 'markup')
      add(
        'xml.doctype',
        `the part ${entry.fileName.slice(0, 80)} declares a DOCTYPE or ENTITY, which workbooks never need and which is refused for safety`,
      );
    else if (verdict === 'utf16')
      add(
        'xml.encoding',
        `the part ${entry.fileName.slice(0, 80)} is not UTF-8 XML, which Excel always writes`,
      );
    else add('file.corrupt', `the part ${entry.fileName.slice(0, 80)} cannot be unpacked (${verdict.error})`);
    return;
  }
}

async function scanStream(
  stream: Readable,
  declaredSize: number,
  budget: WorkBudget,
): Promise<'clean' | 'markup' | 'utf16' | { error: string }> {
  let tail = '';
  let first = true;
  let unpacked = 0;
  try {
    for await (const chunk of stream) {
      budget.check();
      const buffer = chunk as Buffer;
      unpacked += buffer.length;
      // The declared sizes were checked against the limits: never unpack past them.
      if (unpacked > declaredSize) return { error: 'it unpacks to more than it declares' };
      if (first) {
        first = false;
        if (
          buffer.length >= 2 &&
          ((buffer[0] === 0xfe && buffer[1] === 0xff) || (buffer[0] === 0xff && buffer[1] === 0xfe))
        )
          return 'utf16';
      }
      const text = tail + buffer.toString('latin1');
      if (FORBIDDEN_MARKUP.test(text)) return 'markup';
      tail = text.slice(-MARKUP_OVERLAP);
    }
    if (unpacked !== declaredSize) return { error: 'it unpacks to less than it declares' };
    return 'clean';
  } catch (error) {
    if (error instanceof WorkBudgetExceeded) throw error;
    return { error: zipReason(error) };
  } finally {
    stream.destroy();
  }
}
