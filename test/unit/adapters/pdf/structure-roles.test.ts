import { describe, expect, it } from 'vitest';
import {
  headingLevel,
  type LaidOutNode,
  type LayoutFrame,
  plainText,
  structureSteps,
} from '../../../../shared/adapters/pdf/structure-roles';

const frame = (node: LaidOutNode, parent?: LayoutFrame): LayoutFrame => ({ node, parent });
const kinds = (item: LayoutFrame) => structureSteps(item).map((step) => step.kind);

describe('what a laid-out node is in the structure tree', () => {
  it('is a heading by pdfmake’s headlineLevel, or by an h1–h6 style on text', () => {
    expect(headingLevel({ text: 'x', headlineLevel: 2 })).toBe(2);
    expect(headingLevel({ text: 'x', style: 'h3' })).toBe(3);
    expect(headingLevel({ text: 'x', style: ['body', 'h1'] })).toBe(1);
    expect(headingLevel({ text: 'x', style: 'h12' })).toBeUndefined();
    expect(headingLevel({ stack: [], style: 'h1' })).toBeUndefined();
    expect(headingLevel({ text: 'x', headlineLevel: 9 })).toBeUndefined();
  });

  it('is first where it sits — a cell, a list item, a contents entry — then what it is', () => {
    const cell: LaidOutNode = { stack: [] };
    const heading: LaidOutNode = { text: 'In a cell', headlineLevel: 2 };
    const table: LaidOutNode = { table: { body: [[cell, heading]] } };
    expect(kinds(frame(cell, frame(table)))).toEqual(['cell']);
    expect(kinds(frame(heading, frame(table)))).toEqual(['cell', 'heading']);
    const item: LaidOutNode = { text: 'item' };
    expect(kinds(frame(item, frame({ ul: [item] })))).toEqual(['listItem']);
    const row = [{ text: 'Entry' }];
    const generated: LaidOutNode = { table: { body: [row] } };
    const toc: LaidOutNode = { toc: { _table: generated } };
    expect(kinds(frame(generated, frame(toc)))).toEqual(['group']);
    expect(structureSteps(frame(row[0] as LaidOutNode, frame(generated, frame(toc))))).toEqual([
      { kind: 'tocEntry', toc, row },
    ]);
  });

  it('is what its tag says before what its shape says', () => {
    expect(kinds(frame({ svg: '<svg/>', tag: { role: 'Artifact', type: 'Layout' } }))).toEqual(['artifact']);
    expect(
      structureSteps(frame({ svg: '<svg/>', tag: { role: 'Figure', alt: 'A chart' } }))[0],
    ).toMatchObject({
      kind: 'figure',
      alt: 'A chart',
    });
    expect(structureSteps(frame({ svg: '<svg/>' }))[0]).toMatchObject({ kind: 'figure', alt: undefined });
    expect(
      structureSteps(frame({ table: { body: [] }, tag: { role: 'Table', rowHeaders: false } }))[0],
    ).toMatchObject({ kind: 'table', rowHeaders: false });
    expect(structureSteps(frame({ ol: [], type: 'lower-roman' }))[0]).toMatchObject({
      numbering: 'LowerRoman',
    });
    expect(kinds(frame({ columns: [] }))).toEqual(['group']);
    expect(kinds(frame({ text: 'plain' }))).toEqual(['text']);
  });

  it('reads the plain text of nested text arrays', () => {
    expect(plainText(['Goal ', { text: ['1', { text: ': care' }] }, 2])).toBe('Goal 1: care2');
  });
});
