/**
 * The files of one report version, in the order they are written and listed. The manifest is
 * always written last (docs/reports.md), so it is not in this list. `since` is the manifest
 * schema version that first lists the file: reports published before a file existed are
 * complete without it.
 */
export const REPORT_FILES = [
  { name: 'brief.pdf', contentType: 'application/pdf', format: 'pdf', since: 1 },
  {
    name: 'workbook.xlsx',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    format: 'xlsx',
    since: 1,
  },
  { name: 'brief.html', contentType: 'text/html; charset=utf-8', format: 'html', since: 1 },
  /** The report as StratML Part 2 open data (docs/stratml.md). */
  { name: 'report.stratml.xml', contentType: 'application/xml', format: 'stratml', since: 2 },
] as const;

export const MANIFEST_FILE = {
  name: 'manifest.json',
  contentType: 'application/json',
  format: 'manifest',
} as const;

export type ReportFileName = (typeof REPORT_FILES)[number]['name'];
export type ReportFileFormat = (typeof REPORT_FILES)[number]['format'] | typeof MANIFEST_FILE.format;

export const REPORT_FILE_NAMES: readonly ReportFileName[] = REPORT_FILES.map((file) => file.name);

/** The files a report whose manifest has schema version `schemaVersion` must list. */
export function reportFilesOfSchema(schemaVersion: number): readonly (typeof REPORT_FILES)[number][] {
  return REPORT_FILES.filter((file) => file.since <= schemaVersion);
}

/** The file name of a format as `reports get --format` names it. */
export function reportFileOfFormat(format: ReportFileFormat): string {
  if (format === MANIFEST_FILE.format) return MANIFEST_FILE.name;
  const file = REPORT_FILES.find((candidate) => candidate.format === format);
  if (!file) throw new Error(`unknown report format ${format}`);
  return file.name;
}

/** Every file format of a report version, the manifest included: what `reports get --format` takes. */
export const ALL_REPORT_FORMATS: readonly ReportFileFormat[] = [
  ...REPORT_FILES.map((file) => file.format),
  MANIFEST_FILE.format,
];
