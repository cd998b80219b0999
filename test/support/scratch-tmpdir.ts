import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Vitest global setup: every test file (and every process a test starts) makes its temporary
 * files under one folder of this run, which is removed when the run ends — so a thousand test
 * runs leave nothing behind in the machine's temporary folder, whatever each test cleans up.
 */
export default function setup(): () => void {
  const scratch = mkdtempSync(join(tmpdir(), 'strategy-report-tests-'));
  process.env.TMPDIR = scratch;
  return () => rmSync(scratch, { recursive: true, force: true });
}
