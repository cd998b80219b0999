import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { reportCharts } from '../../domain/report/charts/report-charts';
import type { ReportModel } from '../../domain/report/report-model';
import { briefDocument } from './brief-document';
import { CONTENT_WIDTH, UNTAGGED_SETUP } from './brief-page';
import { pdfFonts } from './pdf-fonts';
import { completeXmp } from './pdfkit-metadata';
import { embedOutputIntent, endDocument, type PdfKitDocument } from './pdfkit-output-intent';
import { installStructureHooks, wasTagged } from './pdfmake-structure-hooks';
import { SRGB_ICC_PROFILE_BASE64 } from './srgb-icc-profile';
import { StructureWriter } from './structure-writer';

let configured = false;

/** pdfmake with the brief's fonts, allowed to read nothing but them, tagging documents made with `tagged: true`. */
export function configuredPdfmake(): typeof pdfmake {
  if (configured) return pdfmake;
  const fonts = pdfFonts();
  pdfmake.setFonts({ Roboto: { ...fonts.files } });
  // The brief never loads anything from a URL, and reads only its own font files.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => path.startsWith(fonts.directory));
  installStructureHooks((document) => new StructureWriter(document));
  configured = true;
  return pdfmake;
}

/**
 * A PDF/A document from a pdfmake definition (which must ask for a PDF/A subset), with the sRGB
 * output intent embedded from this module's copy of the profile rather than read from pdfkit's
 * data folder. A definition with `tagged: true` gets its structure tree (structure-writer.ts) and
 * is declared PDF/UA-1 as well (pdfkit-metadata.ts).
 */
export async function renderPdfA(definition: TDocumentDefinitions): Promise<Buffer> {
  // pdfmake types getStream() as pdfkit's PDFDocument; only the stream part of it is used here.
  const document: PdfKitDocument = await configuredPdfmake().createPdf(definition).getStream();
  embedOutputIntent(document, Buffer.from(SRGB_ICC_PROFILE_BASE64, 'base64'));
  if (definition.tagged === true) {
    if (!wasTagged(document))
      throw new Error(
        'pdfmake rendered a tagged document without tagging it: the pdfmake modules hooked are not the ones that rendered (see shared/adapters/pdf/pdfmake-structure-hooks.ts)',
      );
    completeXmp(document);
  }
  return endDocument(document);
}

/**
 * The PDF brief: tagged, PDF/UA-1 and PDF/A-2a (PDF 1.7), fonts embedded, vector charts, title,
 * subject, language and bookmarks set. Deterministic: every date in it is the model's generated
 * date, so the same model gives the same bytes. `tagged: false` gives the same pages untagged
 * (PDF/A-2b, no structure): only the reference the render bench measures tagging's cost against.
 */
export async function renderBriefPdf(
  model: ReportModel,
  options: { tagged?: boolean } = {},
): Promise<Buffer> {
  const fonts = pdfFonts();
  const definition = briefDocument(model, reportCharts(model, CONTENT_WIDTH), { drawable: fonts.drawable });
  return renderPdfA(options.tagged === false ? { ...definition, ...UNTAGGED_SETUP } : definition);
}
