import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { reportCharts } from '../../domain/report/charts/report-charts';
import type { ReportModel } from '../../domain/report/report-model';
import { briefDocument } from './brief-document';
import { CONTENT_WIDTH } from './brief-page';
import { pdfFonts } from './pdf-fonts';
import { embedOutputIntent, endDocument, type PdfKitDocument } from './pdfkit-output-intent';
import { SRGB_ICC_PROFILE_BASE64 } from './srgb-icc-profile';

let configured = false;

/** pdfmake with the brief's fonts, allowed to read nothing but them. */
export function configuredPdfmake(): typeof pdfmake {
  if (configured) return pdfmake;
  const fonts = pdfFonts();
  pdfmake.setFonts({ Roboto: { ...fonts.files } });
  // The brief never loads anything from a URL, and reads only its own font files.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => path.startsWith(fonts.directory));
  configured = true;
  return pdfmake;
}

/**
 * A PDF/A document from a pdfmake definition (which must ask for a PDF/A subset), with the sRGB
 * output intent embedded from this module's copy of the profile rather than read from pdfkit's
 * data folder.
 */
export async function renderPdfA(definition: TDocumentDefinitions): Promise<Buffer> {
  // pdfmake types getStream() as pdfkit's PDFDocument; only the stream part of it is used here.
  const document: PdfKitDocument = await configuredPdfmake().createPdf(definition).getStream();
  embedOutputIntent(document, Buffer.from(SRGB_ICC_PROFILE_BASE64, 'base64'));
  return endDocument(document);
}

/**
 * The PDF brief: PDF/A-2b (PDF 1.7), fonts embedded, vector charts, title, subject and language
 * set. Deterministic: every date in it is the model's generated date, so the same model gives the
 * same bytes.
 */
export async function renderBriefPdf(model: ReportModel): Promise<Buffer> {
  const fonts = pdfFonts();
  return renderPdfA(briefDocument(model, reportCharts(model, CONTENT_WIDTH), { drawable: fonts.drawable }));
}
