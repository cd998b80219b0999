/**
 * Where the PDF brief reaches past pdfmake into pdfkit's internals for PDF/A (the tagging's are in
 * pdfkit-tagging.ts and pdfkit-metadata.ts, pdfmake's in pdfmake-structure-hooks.ts). pdfmake and
 * pdfkit are pinned to exact versions in package.json (pdfkit through `overrides`, as pdfmake's
 * own dependency), and test/unit/adapters/pdf/pdfkit-output-intent.test.ts fails if an upgrade
 * changes anything relied on here: re-check this file against the new pdfkit, then move the pins.
 */

/** pdfkit's document as pdfmake's `getStream()` gives it, not yet ended: a readable stream. */
export interface PdfKitDocument {
  on(event: 'data', listener: (chunk: Buffer) => void): void;
  on(event: 'end' | 'error', listener: (value?: unknown) => void): void;
  end(): void;
}

/** The private members the output intent needs (pdfkit 0.19.1, `js/pdfkit.js`, mixin PDFA). */
interface PdfKitPrivateMembers {
  /** Called by `endSubset()` while `end()` runs, for a PDF/A document. */
  _addColorOutputIntent: () => void;
  /** A new indirect object (public in pdfkit, but not in the types pdfmake's getStream() names). */
  ref(data: Record<string, unknown>): { write(data: Buffer): void; end(): void };
  /** The document catalog: where /OutputIntents goes. */
  _root: { data: Record<string, unknown> };
}

/**
 * Makes the document's PDF/A output intent from `profile` (an ICC profile) instead of the file
 * pdfkit reads. Writes the same objects pdfkit would, in the same order, so with pdfkit's own
 * profile the bytes are identical.
 *
 * Why not the public API: for a PDF/A `subset` pdfkit adds the output intent itself as the
 * document ends, reading `${__dirname}/data/sRGB_IEC61966_2_1.icc` — a path inside
 * node_modules that an esbuild bundle does not have unless pdfkit's data folder is copied beside
 * it — and neither pdfmake nor pdfkit takes the profile as an option. So the private method that
 * writes it is replaced on this one document, before `end()`.
 */
export function embedOutputIntent(document: PdfKitDocument, profile: Buffer): void {
  const internals = document as PdfKitDocument & Partial<PdfKitPrivateMembers>;
  if (
    typeof internals._addColorOutputIntent !== 'function' ||
    typeof internals.ref !== 'function' ||
    typeof internals._root?.data !== 'object'
  )
    throw new Error(
      'pdfkit no longer has _addColorOutputIntent(), ref() and _root.data: the PDF/A output intent cannot be embedded (see shared/adapters/pdf/pdfkit-output-intent.ts)',
    );
  internals._addColorOutputIntent = function addOutputIntent(this: PdfKitPrivateMembers) {
    const profileRef = this.ref({ Length: profile.length, N: 3 });
    profileRef.write(profile);
    profileRef.end();
    const intent = this.ref({
      Type: 'OutputIntent',
      S: 'GTS_PDFA1',
      Info: new String('sRGB IEC61966-2.1'),
      OutputConditionIdentifier: new String('sRGB IEC61966-2.1'),
      DestOutputProfile: profileRef,
    });
    intent.end();
    this._root.data.OutputIntents = [intent];
  };
}

/** Ends the document and collects its bytes (pdfkit's public stream interface). */
export function endDocument(document: PdfKitDocument): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    document.on('data', (chunk: Buffer) => chunks.push(chunk));
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
    document.end();
  });
}
