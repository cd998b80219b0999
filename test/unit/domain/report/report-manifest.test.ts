import { describe, expect, it } from 'vitest';
import {
  manifestBytes,
  parseManifest,
  REPORT_MANIFEST_KIND,
  type ReportManifest,
} from '../../../../shared/domain/report/report-manifest';

const manifest: ReportManifest = {
  schemaVersion: 1,
  kind: REPORT_MANIFEST_KIND,
  period: '2026-10',
  version: 2,
  generatedAt: '2026-11-05T12:00:00.000Z',
  snapshot: {
    period: '2026-10',
    version: 1,
    inputHash: 'a'.repeat(64),
    sha256: 'b'.repeat(64),
    key: `snapshots/2026-10/${'a'.repeat(64)}.json`,
  },
  catalog: { id: 'cbp-strategy-2024-2028', version: '1.0.0' },
  softwareVersion: '0.1.0',
  renderOptions: { markingBanner: null },
  files: [
    {
      name: 'brief.pdf',
      key: 'reports/2026-10/v0002/brief.pdf',
      contentType: 'application/pdf',
      size: 10,
      sha256: 'c'.repeat(64),
    },
  ],
  submissions: [],
  carriedForwardFrom: [{ office: 'ES', period: '2026-09', revision: 1 }],
  chain: {
    sequence: 7,
    previous: {
      period: '2026-09',
      version: 1,
      key: 'reports/2026-09/v0001/manifest.json',
      sha256: 'd'.repeat(64),
    },
  },
};

describe('the report manifest', () => {
  it('serialises with sorted keys, indented, ending in a newline, and reads back equal', () => {
    const bytes = manifestBytes(manifest);
    const text = bytes.toString('utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.indexOf('"carriedForwardFrom"')).toBeLessThan(text.indexOf('"catalog"'));
    expect(text).toContain('\n  "chain": {\n    "previous": {');
    expect(parseManifest(bytes)).toEqual(manifest);
  });

  it('gives the same bytes whatever order the properties were built in', () => {
    const reordered = Object.fromEntries(Object.entries(manifest).reverse()) as ReportManifest;
    expect(manifestBytes(reordered).equals(manifestBytes(manifest))).toBe(true);
  });

  it('refuses a manifest that breaks the schema', () => {
    expect(() => manifestBytes({ ...manifest, chain: { sequence: 0, previous: null } })).toThrow();
    expect(() => parseManifest(Buffer.from('{"kind":"other"}'))).toThrow();
  });
});
