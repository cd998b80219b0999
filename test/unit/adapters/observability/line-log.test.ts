import { describe, expect, it } from 'vitest';
import { type LogLevel, lineLog } from '../../../../shared/adapters/observability/line-log';

describe('lineLog, the CLI’s and the tests’ Log', () => {
  it('merges the record keys in force into each line, nested scopes adding to outer ones, removed after', async () => {
    const lines: [LogLevel, string, Record<string, unknown>][] = [];
    const log = lineLog((level, message, extra) => lines.push([level, message, extra]));

    await log.withRecordKeys({ period: '2026-10' }, async () => {
      await log.withRecordKeys({ office: 'OFO', missing: undefined }, async () =>
        log.info('reminded', { messageId: 'm-1' }),
      );
      log.warn('no contact', { offices: ['OS'] });
    });
    await log
      .withRecordKeys({ period: '2026-11' }, async () => {
        throw new Error('failed');
      })
      .catch(() => log.error('after'));

    expect(lines).toEqual([
      ['info', 'reminded', { period: '2026-10', office: 'OFO', messageId: 'm-1' }],
      ['warn', 'no contact', { period: '2026-10', offices: ['OS'] }],
      ['error', 'after', {}],
    ]);
  });

  it('keeps the keys of records worked on concurrently apart', async () => {
    const lines: Record<string, unknown>[] = [];
    const log = lineLog((_level, _message, extra) => lines.push(extra));
    const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

    await Promise.all(
      ['OFO', 'USBP', 'AMO'].map((office) =>
        log.withRecordKeys({ office }, async () => {
          await tick();
          log.info('working', { on: office });
          await tick();
          log.info('done', { on: office });
        }),
      ),
    );

    expect(lines).toHaveLength(6);
    for (const line of lines) expect(line.office).toBe(line.on);
  });
});
