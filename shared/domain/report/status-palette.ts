import type { CountedStatus, OverallStatus } from '../rollup/rollup-snapshot';

export type PaletteStatus = CountedStatus | OverallStatus;

export interface StatusColours {
  /** Light background for table cells; black text on it passes WCAG AA contrast. */
  readonly fill: string;
  /** Saturated colour for chart marks, distinguishable without relying on it alone (labels and tables carry the values). */
  readonly mark: string;
}

/** One palette for every report, so a status looks the same in the PDF, the HTML and the workbook. */
export const STATUS_COLOURS: Readonly<Record<PaletteStatus, StatusColours>> = {
  Complete: { fill: '#C8E6C9', mark: '#1B5E20' },
  'On Track': { fill: '#DCEDC8', mark: '#7CB342' },
  'At Risk': { fill: '#FFE0B2', mark: '#F9A825' },
  'Off Track': { fill: '#FFCDD2', mark: '#C62828' },
  'Not Started': { fill: '#E0E0E0', mark: '#757575' },
  'Not Reported': { fill: '#F5F5F5', mark: '#D6D6D6' },
  'No Data': { fill: '#F5F5F5', mark: '#D6D6D6' },
};

export function statusColours(status: string): StatusColours {
  return STATUS_COLOURS[status as PaletteStatus] ?? STATUS_COLOURS['No Data'];
}
