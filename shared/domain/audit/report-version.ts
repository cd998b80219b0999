import { InvalidInputError } from '../errors';

/** `--version V`: 3, 0003 or v0003. */
export function parseReportVersion(text: string): number {
  const match = /^v?(\d{1,4})$/i.exec(text.trim());
  const version = match ? Number(match[1]) : 0;
  if (version < 1)
    throw new InvalidInputError({
      rule: 'report.version',
      message: `"${text}" is not a report version: give a number from 1 to 9999 (e.g. 2 or v0002)`,
      column: '--version',
    });
  return version;
}
