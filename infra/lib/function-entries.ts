import type { BundlingExtras } from '../constructs/project-function';

export const FUNCTION_NAMES = ['ingest', 'rollup', 'render', 'notify', 'remind'] as const;
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
    // pdfkit's data files copied beside the bundle and a .ttf loader: from before the fonts came
    // from pdfmake's vfs_fonts.js and the sRGB profile was embedded (srgb-icc-profile.ts). The
    // render bundle needs neither now (docs/reports.md, "Fonts and bundling";
    // test/integration/render-bundle.test.ts bundles without them).
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
    description: 'Reminds offices that have not submitted before the deadline',
  },
};
