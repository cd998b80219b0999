import type { SupersededReport } from '../../shared/domain/report/superseded-report';

/**
 * A report version's record of the one it replaces (renderOptions.supersedes): version 1, issued
 * two days before, since when AMO sent a new revision and OT its first workbook.
 */
export const REPLACES_VERSION_1: SupersededReport = {
  version: 1,
  issuedAt: '2026-11-03T09:30:00.000Z',
  changes: [
    { office: 'AMO', from: 1, to: 2 },
    { office: 'OT', from: null, to: 1 },
  ],
};
