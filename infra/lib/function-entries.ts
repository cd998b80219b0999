import type { BundlingExtras } from '../constructs/project-function';

export const FUNCTION_NAMES = ['ingest', 'rollup', 'render', 'notify', 'remind', 'intake', 'resend'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

export interface FunctionEntry {
  /** The AWS entry file, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
  /** What the bundle needs beyond the code esbuild follows from the entry. */
  readonly bundling?: BundlingExtras;
}

/**
 * The one map from function to entry file: the stacks, tests and benchmarks all read it. What
 * each function may touch is bound in infra/stacks/stateless-stack.ts.
 */
export const FUNCTION_ENTRIES: Readonly<Record<FunctionName, FunctionEntry>> = {
  ingest: {
    entry: 'functions/ingest/index.ts',
    description: 'Validates an uploaded workbook and commits it as the office’s next revision',
  },
  rollup: {
    entry: 'functions/rollup/index.ts',
    description: 'Rolls a period’s current revisions up into a snapshot',
  },
  render: {
    entry: 'functions/render/index.ts',
    description: 'Renders the PDF brief, workbook and manifest from a snapshot',
    // pdfkit reads its standard-font metrics (data/*.afm) and, for PDF/A, the sRGB ICC profile
    // from `<bundle dir>/data/` at run time (NOTES.md): they are copied there. Font files the
    // render code imports (`import roboto from '...ttf'`) are inlined as bytes.
    bundling: {
      loader: { '.ttf': 'binary' },
      copyDirectories: [{ from: 'node_modules/pdfkit/js/data', to: 'data' }],
    },
  },
  notify: {
    entry: 'functions/notify/index.ts',
    description: 'Mails the period’s report to leadership',
  },
  remind: {
    entry: 'functions/remind/index.ts',
    description:
      'Mails each office its workbook when the period opens, and reminds those that have not submitted',
  },
  intake: {
    entry: 'functions/intake/index.ts',
    description: 'Turns e-mailed workbooks from listed, authenticated senders into uploads',
  },
  resend: {
    entry: 'functions/resend/index.ts',
    description: 'Sends again the answers to submitters whose first send failed',
  },
};
