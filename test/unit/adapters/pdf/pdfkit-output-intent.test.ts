import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import vfs from 'pdfmake/build/vfs_fonts.js';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { describe, expect, it } from 'vitest';
import { configuredPdfmake, renderPdfA } from '../../../../shared/adapters/pdf/brief-pdf';
import {
  embedOutputIntent,
  endDocument,
  type PdfKitDocument,
} from '../../../../shared/adapters/pdf/pdfkit-output-intent';
import { SRGB_ICC_PROFILE_BASE64 } from '../../../../shared/adapters/pdf/srgb-icc-profile';

/**
 * The contract between the PDF adapter and the pdfkit internals it relies on
 * (shared/adapters/pdf/pdfkit-output-intent.ts). When an upgrade of pdfmake or pdfkit breaks one
 * of these, re-check that file against the new version before moving the pins in package.json.
 */
const require = createRequire(import.meta.url);
const packageJson = JSON.parse(
  readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8'),
) as {
  dependencies: Record<string, string>;
  overrides: Record<string, string>;
};
const pdfmakeRequire = createRequire(require.resolve('pdfmake'));
const installed = (resolveFrom: NodeJS.Require, name: string) =>
  (resolveFrom(`${name}/package.json`) as { version: string }).version;

/** A one-line PDF/A-2b document, uncompressed so its objects can be read; fresh each time (pdfmake keeps what it is given). */
const tinyPdfA = (): TDocumentDefinitions => ({
  content: 'Output intent contract',
  version: '1.7',
  subset: 'PDF/A-2b',
  compress: false,
  info: { creationDate: new Date('2026-11-05T12:00:00Z'), modDate: new Date('2026-11-05T12:00:00Z') },
  defaultStyle: { font: 'Roboto' },
});

describe('pdfmake and pdfkit, as the PDF adapter relies on them', () => {
  it('are installed at exactly the versions package.json pins', () => {
    expect(packageJson.dependencies.pdfmake, 'pdfmake must be pinned exactly').toMatch(/^\d+\.\d+\.\d+$/);
    expect(packageJson.overrides.pdfkit, 'pdfkit must be pinned exactly (overrides)').toMatch(
      /^\d+\.\d+\.\d+$/,
    );
    expect(installed(require, 'pdfmake')).toBe(packageJson.dependencies.pdfmake);
    // The pdfkit pdfmake itself loads, whichever copy that is.
    expect(installed(pdfmakeRequire, 'pdfkit')).toBe(packageJson.overrides.pdfkit);
  });

  it('embeds the same output intent as pdfkit’s own, byte for byte', async () => {
    // pdfkit's own path reads its profile from node_modules, which is there in tests.
    const pdfkitOwn = await configuredPdfmake().createPdf(tinyPdfA()).getBuffer();
    const replaced = await renderPdfA(tinyPdfA());
    expect(pdfkitOwn.toString('latin1')).toMatch(/\/OutputIntents \[\d+ 0 R\]/);
    expect(replaced.equals(pdfkitOwn)).toBe(true);
  });

  it('writes the intent through the replaced method: another profile shows up in the file', async () => {
    const document: PdfKitDocument = await configuredPdfmake().createPdf(tinyPdfA()).getStream();
    embedOutputIntent(document, Buffer.from('NOT-AN-ICC-PROFILE'));
    const raw = (await endDocument(document)).toString('latin1');
    expect(raw).toMatch(/\/Length 18\s+\/N 3[\s\S]*?stream\s+NOT-AN-ICC-PROFILE\s+endstream/);
    expect(raw).toMatch(/\/OutputIntents \[\d+ 0 R\]/);
    // Every ICC profile carries the signature 'acsp' at byte 36: pdfkit's own profile is not there.
    expect(Buffer.from(SRGB_ICC_PROFILE_BASE64, 'base64').subarray(36, 40).toString('latin1')).toBe('acsp');
    expect(raw).not.toContain('acsp');
  });

  it('refuses, naming the adapter, a document without the internals it replaces', () => {
    const withoutInternals: PdfKitDocument = { on: () => undefined, end: () => undefined };
    expect(() => embedOutputIntent(withoutInternals, Buffer.alloc(0))).toThrow(
      /pdfkit no longer has _addColorOutputIntent\(\), ref\(\) and _root\.data.*pdfkit-output-intent\.ts/,
    );
  });

  it('ships the Roboto faces in build/vfs_fonts.js, where pdf-fonts.ts reads them', () => {
    const files = vfs as Record<string, string | undefined>;
    for (const name of [
      'Roboto-Regular.ttf',
      'Roboto-Medium.ttf',
      'Roboto-Italic.ttf',
      'Roboto-MediumItalic.ttf',
    ]) {
      const bytes = Buffer.from(files[name] ?? '', 'base64');
      expect(bytes.subarray(0, 4).toString('hex'), name).toBe('00010000');
    }
  });
});
