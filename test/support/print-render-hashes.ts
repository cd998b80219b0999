// Renders the populated fixture and prints each file's SHA-256 as JSON: run in child processes
// with different time zones and locales to show the bytes do not depend on the machine.
import { reportFileRenderer } from '../../shared/adapters/report/report-file-renderer';
import { sha256Hex } from '../../shared/domain/sha256';
import { populatedSnapshot } from './populated-snapshot';

const files = await reportFileRenderer.render(populatedSnapshot(), {
  generatedAt: '2026-11-05T23:30:00.000Z',
  snapshotVersion: 1,
  snapshotSha256: 'a'.repeat(64),
  markingBanner: 'CUI',
});
process.stdout.write(
  JSON.stringify(Object.fromEntries(files.map((file) => [file.name, sha256Hex(file.bytes)]))),
);
