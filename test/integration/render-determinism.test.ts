import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../support/print-render-hashes.ts', import.meta.url));

const hashesWith = (environment: Record<string, string>) =>
  JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', SCRIPT], {
      encoding: 'utf8',
      env: { ...process.env, ...environment },
      timeout: 60_000,
    }),
  ) as Record<string, string>;

describe('report bytes', () => {
  it('are the same whatever the machine’s time zone and locale', () => {
    const utc = hashesWith({ TZ: 'UTC', LANG: 'C.UTF-8' });
    expect(Object.keys(utc)).toEqual(['brief.pdf', 'workbook.xlsx', 'brief.html', 'report.stratml.xml']);
    // 23:30 UTC is already the next day in Tokyo and a different offset in Los Angeles.
    expect(hashesWith({ TZ: 'Asia/Tokyo', LANG: 'ja_JP.UTF-8' })).toEqual(utc);
    expect(hashesWith({ TZ: 'America/Los_Angeles', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' })).toEqual(
      utc,
    );
  });
});
