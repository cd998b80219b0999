import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh data directory for a test run (the OS temp folder, never the repository). */
export function temporaryDataDirectory(label = 'data'): string {
  return mkdtempSync(join(tmpdir(), `strategy-report-${label}-`));
}
