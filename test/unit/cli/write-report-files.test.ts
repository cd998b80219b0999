import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFilesUnder } from '../../../shared/cli/write-report-files';

const files = [
  { segments: ['2026-10', 'v0001', 'brief.pdf'], bytes: Buffer.from('pdf') },
  { segments: ['2026-10', 'v0001', 'manifest.json'], bytes: Buffer.from('{}') },
];

describe('writing downloaded report files', () => {
  it('creates the folders and writes every file, leaving no temporary file', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'write-')), 'new', 'dir');
    const paths = await writeFilesUnder(out, files, { force: false });
    expect(paths).toEqual([join(out, '2026-10/v0001/brief.pdf'), join(out, '2026-10/v0001/manifest.json')]);
    expect(readFileSync(paths[0] as string, 'utf8')).toBe('pdf');
    expect(readdirSync(join(out, '2026-10/v0001')).sort()).toEqual(['brief.pdf', 'manifest.json']);
  });

  it('refuses before writing anything when one target exists, and replaces with force', async () => {
    const out = mkdtempSync(join(tmpdir(), 'write-'));
    mkdirSync(join(out, '2026-10/v0001'), { recursive: true });
    writeFileSync(join(out, '2026-10/v0001/manifest.json'), 'mine');
    await expect(writeFilesUnder(out, files, { force: false })).rejects.toThrow(
      `${join(out, '2026-10/v0001/manifest.json')}: the file already exists; nothing was written (pass --force to replace it) [get.exists]`,
    );
    expect(readdirSync(join(out, '2026-10/v0001'))).toEqual(['manifest.json']);
    expect(readFileSync(join(out, '2026-10/v0001/manifest.json'), 'utf8')).toBe('mine');

    await writeFilesUnder(out, files, { force: true });
    expect(readFileSync(join(out, '2026-10/v0001/manifest.json'), 'utf8')).toBe('{}');
    expect(readdirSync(join(out, '2026-10/v0001')).sort()).toEqual(['brief.pdf', 'manifest.json']);
  });

  it('never writes outside the directory', async () => {
    const out = mkdtempSync(join(tmpdir(), 'write-'));
    await expect(
      writeFilesUnder(out, [{ segments: ['..', 'escaped.pdf'], bytes: Buffer.from('x') }], { force: true }),
    ).rejects.toThrow('refusing to write outside');
    expect(readdirSync(join(out, '..'))).not.toContain('escaped.pdf');
  });

  it('says in one line when the directory cannot be written', async () => {
    const blocker = join(mkdtempSync(join(tmpdir(), 'write-')), 'a-file');
    writeFileSync(blocker, 'x');
    await expect(writeFilesUnder(blocker, files, { force: false })).rejects.toThrow(
      /: cannot write the file: (ENOTDIR|EEXIST) \[get\.writable\]$/,
    );
  });
});
