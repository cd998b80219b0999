import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import vfs from 'pdfmake/build/vfs_fonts.js';

/**
 * The fonts of the PDF brief (Roboto, Apache-2.0, as pdfmake ships it).
 *
 * They come from pdfmake's `build/vfs_fonts.js`, a plain JavaScript module holding the TTF files as
 * base64: esbuild bundles it like any other module, with no loader and no files to copy, so the
 * render Lambda finds its fonts. pdfmake's virtual file system would serve its text, but the SVG
 * renderer inside it (svg-to-pdfkit) opens fonts by path on the real file system, so chart labels
 * need real files: the fonts are written once per process to a content-addressed folder in the OS
 * temp directory (/tmp in Lambda) and given to pdfmake by absolute path.
 */
const FILES = {
  normal: 'Roboto-Regular.ttf',
  bold: 'Roboto-Medium.ttf',
  italics: 'Roboto-Italic.ttf',
  bolditalics: 'Roboto-MediumItalic.ttf',
} as const;

export type FontStyle = keyof typeof FILES;

export interface PdfFonts {
  readonly directory: string;
  readonly files: Readonly<Record<FontStyle, string>>;
  /** Replaces every character the fonts cannot draw with U+FFFD, which they can, so nothing vanishes silently. */
  drawable(text: string): string;
}

let cached: PdfFonts | undefined;

function fontBytes(name: string): Buffer {
  const base64 = (vfs as Record<string, string | undefined>)[name];
  if (base64 === undefined) throw new Error(`pdfmake's vfs_fonts.js has no ${name}`);
  return Buffer.from(base64, 'base64');
}

export function pdfFonts(): PdfFonts {
  if (cached) return cached;
  const bytes = Object.fromEntries(
    Object.entries(FILES).map(([style, name]) => [style, fontBytes(name)]),
  ) as Record<FontStyle, Buffer>;
  const digest = createHash('sha256');
  for (const style of Object.keys(FILES) as FontStyle[]) digest.update(bytes[style]);
  const directory = join(tmpdir(), `strategy-report-fonts-${digest.digest('hex').slice(0, 16)}`);
  mkdirSync(directory, { recursive: true });
  const files = {} as Record<FontStyle, string>;
  for (const style of Object.keys(FILES) as FontStyle[]) {
    const path = join(directory, FILES[style]);
    if (!existsSync(path)) {
      // Written under a unique name and renamed: a concurrent reader never sees half a font.
      const partial = `${path}.${randomUUID()}.partial`;
      writeFileSync(partial, bytes[style]);
      renameSync(partial, path);
    }
    files[style] = path;
  }
  // Every style must draw a character for it to be kept (Medium and Regular cover the same set in practice).
  const faces = (Object.keys(FILES) as FontStyle[]).map((style) => fontkit.create(bytes[style]));
  const supported = new Map<number, boolean>();
  const canDraw = (codePoint: number) => {
    let known = supported.get(codePoint);
    if (known === undefined) {
      known = faces.every((face) => face.hasGlyphForCodePoint(codePoint));
      supported.set(codePoint, known);
    }
    return known;
  };
  cached = {
    directory,
    files,
    drawable(text: string): string {
      // Most text is plain ASCII, which Roboto draws: skip the per-character walk.
      if (/^[\x20-\x7e\n\t]*$/.test(text)) return text;
      let result = '';
      for (const character of text) {
        const codePoint = character.codePointAt(0) as number;
        result += codePoint < 0x20 || canDraw(codePoint) ? character : '\ufffd';
      }
      return result;
    },
  };
  return cached;
}
