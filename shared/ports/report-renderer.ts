import type { ReportFileName } from '../domain/report/report-files';
import type { RenderContext } from '../domain/report/report-model';
import type { RollupSnapshot } from '../domain/rollup/rollup-snapshot';

export interface RenderedFile {
  readonly name: ReportFileName;
  readonly contentType: string;
  readonly bytes: Buffer;
}

/** Turns a snapshot into the report's files (PDF, workbook, HTML). Pure: the same inputs give the same bytes. */
export interface ReportRenderer {
  render(snapshot: RollupSnapshot, context: RenderContext): Promise<RenderedFile[]>;
}
