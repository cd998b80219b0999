import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../shared/catalog/default-catalog';
import { parseProductConfig } from '../../shared/config/product-config';
import { parsePeriod } from '../../shared/domain/period';
import { localDependencies } from '../../shared/local/local-dependencies';
import { openLocalRuntime } from '../../shared/local/local-runtime';
import { storeSnapshot } from '../../shared/use-cases/snapshot-storage';
import { temporaryDataDirectory } from '../support/local-runtime';
import { populatedSnapshot } from '../support/populated-snapshot';
import { runBin } from '../support/run-bin';

describe('strategy-report render, notify and remind', () => {
  const dataDir = temporaryDataDirectory('reports-cli');

  beforeAll(async () => {
    const runtime = await openLocalRuntime({ dataDirectory: dataDir });
    try {
      const deps = localDependencies(runtime, { catalog: defaultCatalog(), config: parseProductConfig({}) });
      await storeSnapshot(
        deps,
        populatedSnapshot({ period: parsePeriod('2026-10') }),
        new Date('2026-11-05T12:00:00Z'),
      );
    } finally {
      await runtime.close();
    }
  });

  it('renders, says so when run again, mails the brief once and reminds now', () => {
    const rendered = runBin(['--data-dir', dataDir, 'render', '--period', '2026-10', '--json']);
    expect(rendered.stderr).toBe('');
    expect(rendered.status).toBe(0);
    expect(JSON.parse(rendered.stdout)).toMatchObject({ outcome: 'rendered', version: 1 });

    const again = runBin(['--data-dir', dataDir, 'render', '--period', '2026-10']);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(
      'was already rendered as report v0001; nothing written (use --force to add a new version)',
    );

    const notified = runBin(['--data-dir', dataDir, 'notify', '--period', '2026-10']);
    expect(notified.status).toBe(0);
    expect(notified.stdout).toContain(
      'mailed report v0001 to leadership@example.gov (PDF attached, workbook attached)',
    );
    expect(readdirSync(join(dataDir, 'outbox')).filter((name) => name.endsWith('.eml'))).toHaveLength(1);

    const reminded = runBin(['--data-dir', dataDir, 'remind', '--period', '2026-10', '--json']);
    expect(reminded.status).toBe(0);
    expect(JSON.parse(reminded.stdout)).toMatchObject({
      period: '2026-10',
      deadline: '2026-11-10',
      submitted: [],
    });
  });

  it('exits 2 with one line for a bad period or a period with nothing to render', () => {
    const bad = runBin(['--data-dir', dataDir, 'render', '--period', '2026-13']);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('[period.format]');
    const none = runBin(['--data-dir', dataDir, 'render', '--period', '2025-02']);
    expect(none.status).toBe(2);
    expect(none.stderr.trim()).toBe(
      'error: no rollup snapshot for 2025-02: run `strategy-report rollup --period 2025-02` first',
    );
  });
});
