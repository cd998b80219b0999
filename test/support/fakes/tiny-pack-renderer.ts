import { canonicalJson } from '../../../shared/domain/canonical-json';
import { sha256Hex } from '../../../shared/domain/sha256';
import type { QuarterlyPackRenderer } from '../../../shared/ports/quarterly-pack-renderer';

/**
 * A pack renderer that makes small deterministic files from the inputs and options: for
 * publication tests that need no real PDF. Its files name what they were made from.
 */
export const tinyPackRenderer: QuarterlyPackRenderer = {
  async render(inputs, options) {
    const made = `${inputs.quarter.label} from inputs ${sha256Hex(canonicalJson(inputs))} at ${options.generatedAt} by ${options.rendererVersion}`;
    return [
      { name: 'review.pdf', contentType: 'application/pdf', bytes: Buffer.from(`PDF ${made}`) },
      {
        name: 'review.xlsx',
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        bytes: Buffer.from(`XLSX ${made}`),
      },
      { name: 'review.html', contentType: 'text/html; charset=utf-8', bytes: Buffer.from(`<p>${made}</p>`) },
    ];
  },
};
