import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../shared/domain/canonical-json';
import type { ProgressRow } from '../../../../shared/domain/progress';
import { entryIndexOf } from '../../../../shared/domain/rollup/entry-index';
import { type PreviousSnapshot, previousSnapshotOf } from '../../../../shared/domain/rollup/rollup-inputs';
import { rollupSnapshotSchema } from '../../../../shared/domain/rollup/rollup-snapshot';
import { alignPrevious, alignSubmission } from '../../../../shared/domain/rollup/row-alignment';
import { refOf, rollup, rollupAfter, row, smallCatalog, submission } from '../../../support/rollup-fixtures';

// The small catalog's entries, office-major: OFA 1.1.1 1.1.2 2.1.1 2.2.1 | OFB 1.1.1 1.2.1 2.1.1 | OFC 2.1.1 2.1.2 2.2.1
const index = entryIndexOf(smallCatalog);
const fresh = () => new Int32Array(index.entryCount).fill(-1);
const OFA = 0;
const OFB = 1;

describe('aligning rows with entries', () => {
  it('numbers the entries office-major in catalog order, once per catalog', () => {
    expect(entryIndexOf(smallCatalog)).toBe(index);
    expect(index.entryCount).toBe(10);
    expect([...index.officeStart]).toEqual([0, 4, 7, 10]);
  });

  it('places an office’s rows by entry, whether they come in catalog order or not', () => {
    const ordered = [row('1.1.1'), row('2.1.1'), row('2.2.1')];
    const inOrder = fresh();
    alignSubmission(index, OFA, ordered, inOrder, () => 'OFA 2026-10');
    expect([...inOrder.subarray(0, 4)]).toEqual([0, -1, 1, 2]);
    const shuffled = fresh();
    alignSubmission(index, OFA, [row('2.2.1'), row('1.1.1'), row('2.1.1')], shuffled, () => 'OFA');
    expect([...shuffled.subarray(0, 4)]).toEqual([1, -1, 2, 0]);
    // Other offices' entries are left alone.
    expect([...shuffled.subarray(4)]).toEqual([-1, -1, -1, -1, -1, -1]);
  });

  it('leaves out rows the catalog does not expect of the office, and refuses two rows for one entry', () => {
    const rowAt = fresh();
    alignSubmission(index, OFB, [row('1.1.1'), row('9.9.9'), row('2.2.1'), row('2.1.1')], rowAt, () => 'OFB');
    expect([...rowAt.subarray(4, 7)]).toEqual([0, -1, 3]);
    expect(() =>
      alignSubmission(index, OFB, [row('1.1.1'), row('1.1.1')], fresh(), () => 'OFB 2026-10'),
    ).toThrow('OFB 2026-10 has two rows for 1.1.1');
  });

  it('places a previous snapshot’s rows and statuses, in order or not, from this catalog or an older one', () => {
    const rows = [
      { office: 'OFA', activityId: '1.1.2', status: 'Complete' },
      { office: 'OFB', activityId: '2.1.1', status: 'Not Started' },
      { office: 'OFC', activityId: '2.2.1', status: 'Off Track' },
    ];
    const expectPlaced = (given: typeof rows) => {
      const rowAt = fresh();
      const status = new Uint8Array(index.entryCount);
      alignPrevious(index, given, rowAt, status);
      const placed = [1, 6, 9].map((entry) => given[rowAt[entry] as number]?.activityId);
      expect(placed).toEqual(['1.1.2', '2.1.1', '2.2.1']);
      expect([...status]).toEqual([0, 5, 0, 0, 0, 0, 1, 0, 0, 4]);
    };
    expectPlaced(rows);
    expectPlaced([...rows].reverse());
    // Rows of entries the catalog no longer has (an office gone, an activity unassigned) are left out.
    expectPlaced([
      rows[0],
      { office: 'OLD', activityId: '1.1.1', status: 'At Risk' },
      rows[1],
      rows[2],
    ] as typeof rows);
    expectPlaced([{ office: 'OFC', activityId: '1.1.1', status: 'At Risk' }, ...rows]);
  });
});

describe('the rollup whatever the order its rows come in', () => {
  const october = () =>
    rollup('2026-10', [
      submission('OFA', '2026-10', [row('1.1.1', { status: 'At Risk' }), row('2.1.1'), row('2.2.1')]),
      submission('OFB', '2026-10', [
        row('1.1.1'),
        row('1.2.1', { status: 'Complete', percentComplete: 100 }),
      ]),
      submission('OFC', '2026-10', [row('2.1.1', { status: 'Off Track', milestoneDue: '2026-09-01' })]),
    ]);
  // In catalog order, as the repository returns them.
  const novemberRows = [
    row('1.1.1'),
    row('1.1.2', { status: 'At Risk' }),
    row('2.2.1', { status: 'Off Track' }),
  ];

  it('gives the same snapshot for an office’s rows in any order', () => {
    const inOrder = rollupAfter(october(), '2026-11', [submission('OFA', '2026-11', novemberRows)]);
    const [first, second, third] = novemberRows as [ProgressRow, ProgressRow, ProgressRow];
    for (const rows of [
      [third, first, second],
      [second, third, first],
      [third, second, first],
    ]) {
      const outOfOrder = rollupAfter(october(), '2026-11', [submission('OFA', '2026-11', rows)]);
      expect(canonicalJson(outOfOrder)).toBe(canonicalJson(inOrder));
      expect(outOfOrder).toEqual(inOrder);
    }
  });

  it('gives the same snapshot on a previous snapshot as stored and loaded, cut to what it reads, or with its rows in another order', () => {
    const previous = october();
    const onPrevious = (snapshot: PreviousSnapshot) =>
      rollup('2026-11', [submission('OFA', '2026-11', novemberRows)], {
        previous: { snapshot, ref: refOf(previous) },
      });
    const expected = onPrevious(previous);
    // As SnapshotRepository.load gives it: JSON parsed and checked against the schema.
    const loaded = rollupSnapshotSchema.parse(JSON.parse(canonicalJson(previous)));
    expect(canonicalJson(onPrevious(loaded))).toBe(canonicalJson(expected));
    // Only the parts the rollup reads, as the rollup use case holds it.
    expect(canonicalJson(onPrevious(previousSnapshotOf(loaded)))).toBe(canonicalJson(expected));
    const reordered = { ...previous, rows: [...previous.rows].reverse() };
    expect(canonicalJson(onPrevious(reordered))).toBe(canonicalJson(expected));
    expect(expected.completeness.carriedForward.length).toBeGreaterThan(0);
    expect(expected.changes.statusMoves.length).toBeGreaterThan(0);
  });

  it('refuses a row whose status is not one of the five', () => {
    const odd = row('1.1.1', { status: 'Done' as 'Complete' });
    expect(() => rollup('2026-10', [submission('OFA', '2026-10', [odd])])).toThrow(
      'OFA 1.1.1 has status Done, not one of Not Started, On Track, At Risk, Off Track, Complete',
    );
  });
});
