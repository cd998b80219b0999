import pdfmake from 'pdfmake';
import { reportCharts } from '../../domain/report/charts/report-charts';
import type { ReportModel } from '../../domain/report/report-model';
import { briefDocument } from './brief-document';
import { CONTENT_WIDTH } from './brief-page';
import { pdfFonts } from './pdf-fonts';
import { SRGB_ICC_PROFILE_BASE64 } from './srgb-icc-profile';

let configured = false;

function configurePdfmake(): void {
  if (configured) return;
  const fonts = pdfFonts();
  pdfmake.setFonts({ Roboto: { ...fonts.files } });
  // The brief never loads anything from a URL, and reads only its own font files.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => path.startsWith(fonts.directory));
  configured = true;
}

interface PdfKitDocumentInternals {
  _addColorOutputIntent?: () => void;
  ref(data: Record<string, unknown>): { write(data: Buffer): void; end(): void };
  _root: { data: Record<string, unknown> };
  on(event: 'data', listener: (chunk: Buffer) => void): void;
  on(event: 'end' | 'error', listener: (value?: unknown) => void): void;
  end(): void;
}

/**
 * Adds the PDF/A output intent from the embedded ICC profile instead of pdfkit's own, which reads
 * the profile from a path that does not exist inside a bundle (same objects, same bytes).
 */
function embedOutputIntent(document: PdfKitDocumentInternals): void {
  if (typeof document._addColorOutputIntent !== 'function')
    throw new Error('pdfkit no longer has _addColorOutputIntent: check PDF/A output after the upgrade');
  document._addColorOutputIntent = function addOutputIntent(this: PdfKitDocumentInternals) {
    const profile = Buffer.from(SRGB_ICC_PROFILE_BASE64, 'base64');
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

/**
 * The PDF brief: PDF/A-2b (PDF 1.7), fonts embedded, vector charts, title, subject and language
 * set. Deterministic: every date in it is the model's generated date, so the same model gives the
 * same bytes.
 */
export async function renderBriefPdf(model: ReportModel): Promise<Buffer> {
  configurePdfmake();
  const fonts = pdfFonts();
  const definition = briefDocument(model, reportCharts(model, CONTENT_WIDTH), { drawable: fonts.drawable });
  const document = (await pdfmake.createPdf(definition).getStream()) as unknown as PdfKitDocumentInternals;
  embedOutputIntent(document);
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    document.on('data', (chunk: Buffer) => chunks.push(chunk));
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
    document.end();
  });
}
