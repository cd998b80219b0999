import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sequencerOrder, uploadOrderKey } from '../../../../shared/domain/submission/upload-order';

const KEY = 'uploads/OFO/2026-10/progress.xlsx';
const order = (key: string, eventTime: string, sequencer: string) =>
  uploadOrderKey(key, { eventTime, sequencer });
const sign = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Sequencers as S3 writes them: hex digits, upper case, of varying length, often zero-padded. */
const sequencer = fc
  .tuple(fc.bigInt({ min: 0n, max: (1n << 80n) - 1n }), fc.nat({ max: 6 }), fc.boolean())
  .map(([value, padding, lower]) => {
    const hex = '0'.repeat(padding) + value.toString(16);
    return { value, text: lower ? hex : hex.toUpperCase() };
  });
const eventTime = fc
  .integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2030-12-31T23:59:59Z') })
  .map((ms) => ({ ms, text: new Date(ms).toISOString() }));
/** Keys the ingest accepts: uploads/<OFFICE>/<YYYY-MM>/<name>.xlsx, names from the allowed characters. */
const key = fc
  .stringMatching(/^[A-Za-z0-9_()-][A-Za-z0-9 ._()-]{0,12}$/)
  .map((name) => `uploads/OFO/2026-10/${name}.xlsx`);

describe('uploadOrderKey: the order in which uploads were made, as one comparable string', () => {
  it('orders the same key by event time, then by sequencer as a number (S3 pads the shorter with zeros)', () => {
    // Same millisecond: the sequencer decides, whatever its length or leading zeros.
    expect(
      sign(order(KEY, '2026-11-02T15:00:00.000Z', '0A'), order(KEY, '2026-11-02T15:00:00.000Z', '9')),
    ).toBe(1);
    expect(
      sign(
        order(KEY, '2026-11-02T15:00:00.000Z', '0055AED6DCD90281E5'),
        order(KEY, '2026-11-02T15:00:00.000Z', '55AED6DCD90281E4'),
      ),
    ).toBe(1);
    expect(order(KEY, '2026-11-02T15:00:00.000Z', '00ff')).toBe(order(KEY, '2026-11-02T15:00:00Z', 'FF'));
    // A later event time wins even with a smaller sequencer.
    expect(
      sign(order(KEY, '2026-11-02T15:00:00.001Z', '1'), order(KEY, '2026-11-02T15:00:00.000Z', 'FFFFFFFF')),
    ).toBe(1);
    // Offsets are normalised: 10:00-05:00 is 15:00Z.
    expect(order(KEY, '2026-11-02T10:00:00.000-05:00', '1')).toBe(
      order(KEY, '2026-11-02T15:00:00.000Z', '1'),
    );
  });

  it('orders the same key exactly as (event time, sequencer value) for any sequencers', () => {
    fc.assert(
      fc.property(eventTime, sequencer, eventTime, sequencer, (timeA, seqA, timeB, seqB) => {
        const expected =
          timeA.ms !== timeB.ms
            ? Math.sign(timeA.ms - timeB.ms)
            : seqA.value < seqB.value
              ? -1
              : seqA.value > seqB.value
                ? 1
                : 0;
        expect(sign(order(KEY, timeA.text, seqA.text), order(KEY, timeB.text, seqB.text))).toBe(expected);
      }),
    );
  });

  it('orders different keys by event time, then by key in byte order, never by their sequencers', () => {
    fc.assert(
      fc.property(key, key, eventTime, sequencer, sequencer, (keyA, keyB, time, seqA, seqB) => {
        fc.pre(keyA !== keyB);
        const bytes = Buffer.compare(Buffer.from(keyA), Buffer.from(keyB));
        expect(sign(order(keyA, time.text, seqA.text), order(keyB, time.text, seqB.text))).toBe(bytes);
      }),
    );
    // A key before any longer key it is a prefix of, even when the next character sorts below '#'.
    const short = 'uploads/OFO/2026-10/a.xlsx';
    const longer = 'uploads/OFO/2026-10/a.xlsx .xlsx';
    expect(sign(order(short, '2026-11-02T15:00:00Z', 'FF'), order(longer, '2026-11-02T15:00:00Z', '1'))).toBe(
      -1,
    );
    // Different times: the later upload, whatever the keys.
    expect(
      sign(
        order('uploads/OFO/2026-10/z.xlsx', '2026-11-02T15:00:00Z', 'FF'),
        order('uploads/OFO/2026-10/a.xlsx', '2026-11-02T15:00:01Z', '1'),
      ),
    ).toBe(-1);
  });

  it('refuses what S3 never sends: a time that is no time, a sequencer that is not hexadecimal', () => {
    expect(() => order(KEY, 'yesterday', '1')).toThrow('"yesterday" is not an S3 event time');
    expect(() => order(KEY, '2026-11-02T15:00:00Z', '12G')).toThrow('"12G" is not an S3 sequencer');
    expect(sequencerOrder('')).toBe('0000');
    expect(sequencerOrder('000')).toBe('0000');
    expect(sequencerOrder('00ab')).toBe('0002AB');
  });
});
