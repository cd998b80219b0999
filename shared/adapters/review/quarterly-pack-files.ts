import { packDocument } from '../../domain/review/pack-document';
import {
  type QuarterlyReviewInputs,
  quarterlyReviewInputsSchema,
} from '../../domain/review/quarterly-review-inputs';
import { quarterlyReviewModel } from '../../domain/review/quarterly-review-model';
import { renderQuarterlyPackHtml } from './quarterly-pack-html';
import { renderQuarterlyPackPdf } from './quarterly-pack-pdf';
import { renderQuarterlyPackWorkbook } from './quarterly-pack-workbook';

export interface QuarterlyPackRenderOptions {
  /** The instant the pack says it was generated (ISO 8601): its only date, never the clock. */
  readonly generatedAt: string;
  /** The software version that rendered it, stated in the files. */
  readonly rendererVersion: string;
}

export interface QuarterlyPackFiles {
  readonly pdf: Uint8Array;
  readonly xlsx: Uint8Array;
  readonly html: string;
}

/**
 * The quarterly review pack's three files from its inputs alone: a pure function of its arguments
 * (no clock, no random id, no I/O), so the stored inputs JSON re-renders the same bytes. The
 * inputs are checked against their schema first, so a stored JSON that was altered in shape is
 * refused rather than half-rendered.
 */
export async function renderQuarterlyPack(
  inputs: QuarterlyReviewInputs,
  options: QuarterlyPackRenderOptions,
): Promise<QuarterlyPackFiles> {
  const model = quarterlyReviewModel(quarterlyReviewInputsSchema.parse(inputs));
  const pack = packDocument(model);
  const pdf = await renderQuarterlyPackPdf(pack, options);
  const xlsx = await renderQuarterlyPackWorkbook(model, options);
  const html = renderQuarterlyPackHtml(pack, options);
  return { pdf: new Uint8Array(pdf), xlsx: new Uint8Array(xlsx), html };
}
