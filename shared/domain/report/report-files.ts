import { NotFoundError } from '../errors';

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

/**
 * The files of a quarterly review pack version (docs/quarterly-review.md, "How the pack is
 * published"), in the order they are written and listed: the PDF, the workbook and the HTML of the
 * pack, and the inputs they were rendered from (canonical JSON), which `reports reproduce` renders
 * again. Every one is hashed in the pack's manifest.
 */
export const QUARTERLY_PACK_FILES = [
  { name: 'review.pdf', contentType: 'application/pdf', format: 'pdf' },
  {
    name: 'review.xlsx',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    format: 'xlsx',
  },
  { name: 'review.html', contentType: 'text/html; charset=utf-8', format: 'html' },
  { name: 'inputs.json', contentType: 'application/json', format: 'inputs' },
] as const;

export type ReportFileName = (typeof REPORT_FILES)[number]['name'];
export type PackFileName = (typeof QUARTERLY_PACK_FILES)[number]['name'];
/** Any file a version of either kind stores beside its manifest. */
export type StoredFileName = ReportFileName | PackFileName;
export type ReportFileFormat =
  | (typeof REPORT_FILES)[number]['format']
  | (typeof QUARTERLY_PACK_FILES)[number]['format']
  | typeof MANIFEST_FILE.format;

export const REPORT_FILE_NAMES: readonly ReportFileName[] = REPORT_FILES.map((file) => file.name);
export const PACK_FILE_NAMES: readonly PackFileName[] = QUARTERLY_PACK_FILES.map((file) => file.name);
/** Every name a manifest may list, of either kind. */
export const STORED_FILE_NAMES: readonly StoredFileName[] = [...REPORT_FILE_NAMES, ...PACK_FILE_NAMES];

/** The files a report whose manifest has schema version `schemaVersion` must list. */
export function reportFilesOfSchema(schemaVersion: number): readonly (typeof REPORT_FILES)[number][] {
  return REPORT_FILES.filter((file) => file.since <= schemaVersion);
}

/** The files a version must list: a monthly report's by its manifest schema, a pack's all four. */
export function filesOfVersion(
  kind: 'monthly' | 'quarterly',
  schemaVersion: number,
): readonly {
  readonly name: StoredFileName;
  readonly contentType: string;
  readonly format: Exclude<ReportFileFormat, 'manifest'>;
}[] {
  return kind === 'quarterly' ? QUARTERLY_PACK_FILES : reportFilesOfSchema(schemaVersion);
}

/** The file name of a format as `reports get --format` names it, for a monthly report or a pack. */
export function reportFileOfFormat(
  format: ReportFileFormat,
  kind: 'monthly' | 'quarterly' = 'monthly',
): string {
  if (format === MANIFEST_FILE.format) return MANIFEST_FILE.name;
  const files: readonly { name: string; format: string }[] =
    kind === 'quarterly' ? QUARTERLY_PACK_FILES : REPORT_FILES;
  const file = files.find((candidate) => candidate.format === format);
  if (!file)
    throw new NotFoundError(
      kind === 'quarterly'
        ? `a quarterly review pack has no ${format} file: its formats are ${QUARTERLY_PACK_FILES.map((each) => each.format).join(', ')} and manifest`
        : `a monthly report has no ${format} file: its formats are ${REPORT_FILES.map((each) => each.format).join(', ')} and manifest`,
    );
  return file.name;
}

/**
 * Every file format of a version, the manifest included: what `reports get --format` takes
 * (`stratml` is a monthly report's only, `inputs` a quarterly pack's only).
 */
export const ALL_REPORT_FORMATS: readonly ReportFileFormat[] = [
  ...new Set<ReportFileFormat>([
    ...REPORT_FILES.map((file) => file.format),
    ...QUARTERLY_PACK_FILES.map((file) => file.format),
    MANIFEST_FILE.format,
  ]),
];
