import { isPeriod } from '../period';
import { MANIFEST_FILE, REPORT_FILE_NAMES } from '../report/report-files';

const NAMES: readonly string[] = [...REPORT_FILE_NAMES, MANIFEST_FILE.name];

/**
 * Where `reports get` writes one file, relative to --out: `<period>/v<NNNN>/<name>`, the bucket's
 * own layout, so files keep the names their manifest lists and versions never collide. Built only
 * from a validated period, a version number and the fixed file names, never from a stored key.
 */
export function reportDownloadPath(period: string, version: number, name: string): string[] {
  if (
    !isPeriod(period) ||
    !Number.isInteger(version) ||
    version < 1 ||
    version > 9999 ||
    !NAMES.includes(name)
  )
    throw new Error(`no download path for ${period} v${version} ${name}`);
  return [period, `v${String(version).padStart(4, '0')}`, name];
}
