import type { PackFileName } from '../domain/report/report-files';
import type { QuarterlyReviewInputs } from '../domain/review/quarterly-review-inputs';

export interface RenderedPackFile {
  readonly name: Exclude<PackFileName, 'inputs.json'>;
  readonly contentType: string;
  readonly bytes: Buffer;
}

export interface PackRenderOptions {
  /** The only date in the files (ISO 8601): the newest snapshot's creation time, never the clock. */
  readonly generatedAt: string;
  /** The software version the files state, recorded in the manifest for a reproduction. */
  readonly rendererVersion: string;
}

/**
 * Turns a quarter's review inputs into the pack's PDF, workbook and HTML. Pure: the same inputs and
 * options give the same bytes, which is what lets `reports reproduce` render a pack again from its
 * stored inputs.
 */
export interface QuarterlyPackRenderer {
  render(inputs: QuarterlyReviewInputs, options: PackRenderOptions): Promise<RenderedPackFile[]>;
}
