import { describe, expect, it } from 'vitest';
import { formatReproduction } from '../../../shared/cli/commands/reports-reproduce-action';
import { compareReproduction } from '../../../shared/domain/audit/reproduction';
import type { Period } from '../../../shared/domain/period';
import type { Reproduction } from '../../../shared/use-cases/reproduce-report';

const A = 'a'.repeat(64);
const C = 'c'.repeat(64);
const manifestFile = {
  name: 'brief.pdf',
  key: 'reports/2026-05/v0001/brief.pdf',
  contentType: 'x',
  size: 1,
  sha256: A,
};

const reproduction = (recorded: string, running: string): Reproduction => {
  const files = compareReproduction(
    [manifestFile],
    new Map([['brief.pdf', A]]),
    new Map([['brief.pdf', C]]),
    {
      recorded,
      running,
    },
  );
  return {
    period: '2026-05' as Period,
    version: 1,
    sequence: 7,
    manifestKey: 'reports/2026-05/v0001/manifest.json',
    generatedAt: '2026-06-02T12:00:00.000Z',
    snapshot: { period: '2026-05', version: 1, inputHash: A, sha256: A, key: 'snapshots/2026-05/x.json' },
    renderOptions: { markingBanner: null },
    softwareVersion: { recorded, running },
    matches: false,
    files,
  };
};

describe('reports reproduce output', () => {
  it('says a version rendered by older software was rendered by it, not that its files were altered', () => {
    const text = formatReproduction(reproduction('0.1.0', '0.2.0'));
    expect(text).toMatch(
      / {2}brief\.pdf +DIFFERS {2}rendered by strategy-report 0\.1\.0, now 0\.2\.0: the renderer changed/,
    );
    expect(text).toContain(
      'not reproduced byte for byte: rendered by strategy-report 0.1.0, now 0.2.0, whose renderer lays the files out differently. Every stored file is as its manifest records (not altered)',
    );
    expect(text).not.toContain('NOT what this snapshot renders to');
    // Its manifest records no taggedPdf: rendered by 0.1.0 before the brief was tagged.
    expect(text).toContain(', PDF untagged (rendered before the brief was tagged)\n');
  });

  it('says the files are not what the snapshot renders to when the same software renders other bytes', () => {
    const text = formatReproduction(reproduction('0.2.0', '0.2.0'));
    expect(text).toContain('the stored files are NOT what this snapshot renders to.');
  });
});
