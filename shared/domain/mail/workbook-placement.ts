import { isPeriod, type Period } from '../period';

export type WorkbookPlacement =
  /** Upload under uploads/<office>/<period>/; `guessed` when the workbook did not say (the ingest will tell why). */
  | { readonly kind: 'place'; readonly office: string; readonly period: Period; readonly guessed: boolean }
  | {
      readonly kind: 'refuse';
      readonly reason: 'not-listed-for-office' | 'unknown-office';
      readonly detail: string;
    };

/**
 * Where a mailed workbook goes. The office and period come from the workbook's own hidden
 * metadata (the template wrote them); the sender must be listed for that office. A workbook that
 * does not say (not our template, or unreadable) goes to the sender's office when they are listed
 * for exactly one, for the open period, and the ingest answers with every problem it finds.
 */
export function placeWorkbook(input: {
  readonly workbookOffice?: string;
  readonly workbookPeriod?: string;
  readonly senderOffices: readonly string[];
  readonly openPeriod: Period;
}): WorkbookPlacement {
  const period =
    input.workbookPeriod !== undefined && isPeriod(input.workbookPeriod)
      ? input.workbookPeriod
      : input.openPeriod;
  const office = input.workbookOffice?.trim().toUpperCase();
  if (office !== undefined && office !== '') {
    if (!input.senderOffices.includes(office))
      return {
        kind: 'refuse',
        reason: 'not-listed-for-office',
        detail: `the workbook is ${office}'s, and you are not listed as a submitter for ${office}${input.senderOffices.length > 0 ? ` (you are for ${input.senderOffices.join(', ')})` : ''}`,
      };
    return {
      kind: 'place',
      office,
      period,
      guessed: input.workbookPeriod === undefined || !isPeriod(input.workbookPeriod),
    };
  }
  if (input.senderOffices.length === 1)
    return { kind: 'place', office: input.senderOffices[0] as string, period, guessed: true };
  return {
    kind: 'refuse',
    reason: 'unknown-office',
    detail: `the workbook does not say which office it is for, and you submit for several (${input.senderOffices.join(', ')}): send the workbook from the e-mail that brought it`,
  };
}
