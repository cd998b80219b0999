import { MANIFEST_FILE, STORED_FILE_NAMES } from '../report/report-files';
import { isReportPeriod } from '../report/report-period';

const NAMES: readonly string[] = [...STORED_FILE_NAMES, MANIFEST_FILE.name];

/**
 * Where `reports get` writes one file, relative to --out: `<period>/v<NNNN>/<name>` (a quarter's pack: `FY2027-Q1/v<NNNN>/<name>`), the bucket's
 * own layout, so files keep the names their manifest lists and versions never collide. Built only
 * from a validated period, a version number and the fixed file names, never from a stored key.
 */
export function reportDownloadPath(period: string, version: number, name: string): string[] {
  if (
    !isReportPeriod(period) ||
    !Number.isInteger(version) ||
    version < 1 ||
    version > 9999 ||
    !NAMES.includes(name)
  )
    throw new Error(`no download path for ${period} v${version} ${name}`);
  return [period, `v${String(version).padStart(4, '0')}`, name];
}
