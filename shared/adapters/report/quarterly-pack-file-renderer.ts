import { QUARTERLY_PACK_FILES } from '../../domain/report/report-files';
import type { QuarterlyPackRenderer, RenderedPackFile } from '../../ports/quarterly-pack-renderer';
import { renderQuarterlyPack } from '../review/quarterly-pack-files';

const contentType = (name: RenderedPackFile['name']) =>
  QUARTERLY_PACK_FILES.find((file) => file.name === name)?.contentType ?? 'application/octet-stream';

/** The pack's PDF (tagged), workbook and HTML under the names its versions store them. */
export const quarterlyPackFileRenderer: QuarterlyPackRenderer = {
  async render(inputs, options) {
    const files = await renderQuarterlyPack(inputs, options);
    return [
      { name: 'review.pdf', contentType: contentType('review.pdf'), bytes: Buffer.from(files.pdf) },
      { name: 'review.xlsx', contentType: contentType('review.xlsx'), bytes: Buffer.from(files.xlsx) },
      {
        name: 'review.html',
        contentType: contentType('review.html'),
        bytes: Buffer.from(files.html, 'utf8'),
      },
    ];
  },
};
