import JSZip from 'jszip';

/**
 * Hand-made damage to a workbook's zip, to test what the ingest refuses. jszip rewrites the whole
 * archive; the binary patches below change single header fields, as an attacker would.
 */
export async function rewriteParts(
  bytes: Buffer,
  change: (parts: Map<string, Buffer>) => void,
  options: { compressionLevel?: number } = {},
): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = new Map<string, Buffer>();
  for (const [name, entry] of Object.entries(zip.files)) {
    if (!entry.dir) parts.set(name, await entry.async('nodebuffer'));
  }
  change(parts);
  const out = new JSZip();
  // Map order is insertion order: it becomes the order of the entries in the zip.
  for (const [name, content] of parts) out.file(name, content);
  return out.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: options.compressionLevel ?? 6 },
  });
}

/** Replaces one part's text. */
export function editPart(bytes: Buffer, name: string, edit: (xml: string) => string): Promise<Buffer> {
  return rewriteParts(bytes, (parts) => {
    const part = parts.get(name);
    if (!part) throw new Error(`no part ${name}`);
    parts.set(name, Buffer.from(edit(part.toString('utf8'))));
  });
}

/** Puts the parts in the given order first (the rest after), as another producer might. */
export function reorderParts(bytes: Buffer, first: readonly string[]): Promise<Buffer> {
  return rewriteParts(bytes, (parts) => {
    const ordered = new Map<string, Buffer>();
    for (const name of first) {
      const part = parts.get(name);
      if (part) ordered.set(name, part);
    }
    for (const [name, part] of parts) if (!ordered.has(name)) ordered.set(name, part);
    parts.clear();
    for (const [name, part] of ordered) parts.set(name, part);
  });
}

/** Rewrites every shared-string cell of every sheet as an inline string, as some producers write. */
export function toInlineStrings(bytes: Buffer): Promise<Buffer> {
  return rewriteParts(bytes, (parts) => {
    const shared = parts.get('xl/sharedStrings.xml')?.toString('utf8') ?? '';
    const strings = [...shared.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((match) =>
      [...(match[1] ?? '').matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1] ?? '').join(''),
    );
    for (const [name, part] of parts) {
      if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
      const xml = part
        .toString('utf8')
        .replace(
          /<c ([^>]*?)t="s"([^>]*)><v>(\d+)<\/v><\/c>/g,
          (_all, before: string, after: string, index: string) => {
            const text = strings[Number(index)] ?? '';
            return `<c ${before}t="inlineStr"${after}><is><t xml:space="preserve">${text}</t></is></c>`;
          },
        );
      parts.set(name, Buffer.from(xml));
    }
    parts.delete('xl/sharedStrings.xml');
    const types = parts.get('[Content_Types].xml')?.toString('utf8');
    if (types)
      parts.set('[Content_Types].xml', Buffer.from(types.replace(/<Override[^>]*sharedStrings[^>]*\/>/, '')));
    const rels = parts.get('xl/_rels/workbook.xml.rels')?.toString('utf8');
    if (rels)
      parts.set(
        'xl/_rels/workbook.xml.rels',
        Buffer.from(rels.replace(/<Relationship[^>]*sharedStrings[^>]*\/>/, '')),
      );
  });
}

interface EntryHeaders {
  readonly name: string;
  readonly local: number;
  readonly central: number;
}

/** Where each entry's local and central headers are (no zip64, no comment: fine for test files). */
function headers(bytes: Buffer): EntryHeaders[] {
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  const result: EntryHeaders[] = [];
  for (let index = 0; index < count; index++) {
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    result.push({
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
      local: bytes.readUInt32LE(at + 42),
      central: at,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return result;
}

/** Marks every entry as encrypted (general purpose bit 0), in both headers. */
export function markEncrypted(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  for (const entry of headers(copy)) {
    copy.writeUInt16LE(copy.readUInt16LE(entry.local + 6) | 1, entry.local + 6);
    copy.writeUInt16LE(copy.readUInt16LE(entry.central + 8) | 1, entry.central + 8);
  }
  return copy;
}

/** Makes the central directory declare another uncompressed size for one entry. */
export function declareUncompressedSize(bytes: Buffer, name: string, size: number): Buffer {
  const copy = Buffer.from(bytes);
  const entry = headers(copy).find((candidate) => candidate.name === name);
  if (!entry) throw new Error(`no entry ${name}`);
  copy.writeUInt32LE(size, entry.central + 24);
  return copy;
}

/** Appends an entry the central directory does not list, between the last entry and the directory. */
export function smuggleEntry(bytes: Buffer): Buffer {
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const directoryStart = bytes.readUInt32LE(eocd + 16);
  const name = Buffer.from('xl/hidden.xml');
  const content = Buffer.from('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(content.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(name.length, 26);
  const smuggled = Buffer.concat([local, name, content]);
  const tail = Buffer.from(bytes.subarray(directoryStart));
  const newEocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  tail.writeUInt32LE(directoryStart + smuggled.length, newEocd + 16);
  return Buffer.concat([bytes.subarray(0, directoryStart), smuggled, tail]);
}
