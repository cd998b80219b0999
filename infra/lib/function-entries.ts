import {
  ANNOTATED_PREFIX,
  ANSWERS_PREFIX,
  INBOUND_PREFIX,
  REPORTS_PREFIX,
  SNAPSHOTS_PREFIX,
  UPLOADS_PREFIX,
} from '../../shared/storage/object-keys';
import type { BundlingExtras } from '../constructs/project-function';
import type { DataAccess } from './data-access';

export const FUNCTION_NAMES = [
  'ingest',
  'rollup',
  'render',
  'notify',
  'review',
  'remind',
  'intake',
  'resend',
] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

export interface FunctionEntry {
  /** The AWS entry file, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
  /** What the bundle needs beyond the code esbuild follows from the entry. */
  readonly bundling?: BundlingExtras;
  /** What it may read and write, and whether it mails: granted as declared, nothing more. */
  readonly access: DataAccess;
}

/**
 * The one map from function to entry file and data access: the stacks, tests and benchmarks all
 * read it. No function deletes from the table except to release a delivery it claimed and could
 * not send (notify, remind), so only those two get DeleteItem.
 */
export const FUNCTION_ENTRIES: Readonly<Record<FunctionName, FunctionEntry>> = {
  ingest: {
    entry: 'functions/ingest/index.ts',
    description: 'Validates an uploaded workbook and commits it as the office’s next revision',
    access: {
      // GetItem: a workbook already committed (by hash), the previous period's current revision,
      // the answer and the mailed message; PutItem: attempts, revision claims, the answer, a mailed
      // workbook's outcome; UpdateItem: the commit, the current pointer, the answer's state;
      // BatchWriteItem: the revision's rows; Query: the previous period's rows (to mark rows
      // unchanged), the outcomes of a mailed message's other workbooks.
      table: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'BatchWriteItem'],
      // Annotated copies of rejected workbooks go under annotated/, outside the event prefix, and
      // are read back when the answer is sent from its record.
      uploads: { read: [UPLOADS_PREFIX, ANNOTATED_PREFIX], write: [ANNOTATED_PREFIX] },
      mail: true,
    },
  },
  rollup: {
    entry: 'functions/rollup/index.ts',
    description: 'Rolls a period’s current revisions up into a snapshot',
    access: {
      // Reads current revisions and rows; stores the snapshot record and its version pointer.
      table: ['GetItem', 'Query', 'PutItem', 'UpdateItem'],
      reports: { read: [SNAPSHOTS_PREFIX], write: [SNAPSHOTS_PREFIX] },
    },
  },
  render: {
    entry: 'functions/render/index.ts',
    description: 'Renders the PDF brief, workbook and manifest from a snapshot',
    // pdfkit's data files copied beside the bundle and a .ttf loader: from before the fonts came
    // from pdfmake's vfs_fonts.js and the sRGB profile was embedded (srgb-icc-profile.ts). The
    // render bundle needs neither now (docs/reports.md, "Fonts and bundling";
    // test/integration/render-bundle.test.ts bundles without them).
    bundling: {
      loader: { '.ttf': 'binary' },
      copyDirectories: [{ from: 'node_modules/pdfkit/js/data', to: 'data' }],
    },
    access: {
      // Claims a version, holds and moves the chain head, indexes the report.
      table: ['GetItem', 'Query', 'PutItem', 'UpdateItem'],
      // Reads earlier manifests (the chain) and checks for a manifest a crashed render left.
      reports: { read: [SNAPSHOTS_PREFIX, REPORTS_PREFIX], write: [REPORTS_PREFIX] },
    },
  },
  review: {
    entry: 'functions/review/index.ts',
    description:
      'After a quarter’s last month, renders its review pack (PDF, workbook, HTML, inputs) and manifest',
    access: {
      // Claims a version, holds and moves the chain head, indexes the pack (as render does); Query
      // also reads the snapshot index (the quarter's months, the plan so far) and every attempt of
      // the quarter's months (GSI1). No DeleteItem, no mail: notify mails the pack.
      table: ['GetItem', 'Query', 'PutItem', 'UpdateItem'],
      // Reads the months' snapshots and earlier manifests (the chain); writes the pack's version.
      reports: { read: [SNAPSHOTS_PREFIX, REPORTS_PREFIX], write: [REPORTS_PREFIX] },
    },
  },
  notify: {
    entry: 'functions/notify/index.ts',
    description: 'Mails the period’s report, or the quarter’s review pack, to leadership',
    access: {
      // Claims the delivery (PutItem), records it sent (UpdateItem), and releases the claim
      // (DeleteItem) when SES refused the message, so the next run can send it.
      table: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'],
      // The report's files, and its snapshot for the headline numbers of the e-mail.
      reports: { read: [SNAPSHOTS_PREFIX, REPORTS_PREFIX] },
      mail: true,
    },
  },
  remind: {
    entry: 'functions/remind/index.ts',
    description:
      'Mails each office its workbook when the period opens, and reminds those that have not submitted',
    access: {
      // Who submitted (Query), and one delivery per office and day, claimed, recorded sent, or
      // released (DeleteItem) when SES refused it, as notify does.
      table: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'],
      mail: true,
    },
  },
  intake: {
    entry: 'functions/intake/index.ts',
    description: 'Turns e-mailed workbooks from listed, authenticated senders into uploads',
    access: {
      // The message record (PutItem once, UpdateItem as it goes), the Message-ID claim, refused
      // workbooks' outcomes and the answer (PutItem, GetItem, UpdateItem); Query: the outcomes,
      // and the previous period's rows that pre-fill a workbook sent back.
      table: ['GetItem', 'Query', 'PutItem', 'UpdateItem'],
      // The raw message SES stored; whether an upload exists already (HeadObject); the files an
      // answer attaches. It writes the workbooks as uploads and a workbook sent back under answers/.
      uploads: {
        read: [INBOUND_PREFIX, UPLOADS_PREFIX, ANNOTATED_PREFIX, ANSWERS_PREFIX],
        write: [UPLOADS_PREFIX, ANSWERS_PREFIX],
      },
      mail: true,
    },
  },
  resend: {
    entry: 'functions/resend/index.ts',
    description: 'Sends again the answers to submitters whose first send failed',
    access: {
      // Query: the unsent answers (a sparse index); UpdateItem: claim, sent, failed.
      table: ['Query', 'UpdateItem'],
      uploads: { read: [ANNOTATED_PREFIX, ANSWERS_PREFIX] },
      mail: true,
    },
  },
};
