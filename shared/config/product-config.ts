import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { InvalidInputError } from '../domain/errors';
import { isSubmitterEntry } from '../domain/mail/submitter-directory';

const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'not an IANA time zone such as America/New_York');

/**
 * Bounds on an uploaded workbook. A real template has at most a few dozen rows; the limits are
 * there to bound the work a hostile or broken file can cause, and are checked before parsing
 * (upload and zip sizes, entries, compression ratio, XML part sizes) or while streaming every
 * sheet, before exceljs sees any of it (sheets, rows, columns, cells, merged ranges, shared
 * strings, styles, XML nesting), with a time budget over all of it. Defaults admit a 10,000-row
 * workbook, the size the ingest benchmark measures.
 */
export const submissionLimitsSchema = z
  .object({
    /** Largest upload accepted, in bytes; refused from HeadObject, before download. */
    maxUploadBytes: z
      .number()
      .int()
      .positive()
      .default(10 * 1024 * 1024),
    /** Largest total declared uncompressed size of the workbook's zip entries, in bytes. */
    maxUncompressedBytes: z
      .number()
      .int()
      .positive()
      .default(100 * 1024 * 1024),
    /** Largest uncompressed/compressed ratio of any zip entry over 64 KiB. */
    maxCompressionRatio: z.number().positive().default(100),
    /** Most zip entries (parts) a workbook may have. */
    maxZipEntries: z.number().int().positive().default(500),
    /** Most worksheets a workbook may have. */
    maxSheets: z.number().int().positive().default(20),
    /** Most rows in any worksheet, header included. */
    maxRows: z.number().int().positive().default(10_001),
    /** Most columns in any row. */
    maxColumns: z.number().int().positive().default(50),
    /** Longest text in any cell, in characters, after trimming. */
    maxTextLength: z.number().int().positive().default(4000),
    /** Most cells (every cell the file lists, blank but formatted ones too) in all sheets together. */
    maxCells: z.number().int().positive().default(200_000),
    /** Most merged ranges in all sheets together (exceljs's merge handling is quadratic). */
    maxMergedRanges: z.number().int().positive().default(1_000),
    /** Most entries in the shared-strings table. */
    maxSharedStrings: z.number().int().positive().default(200_000),
    /** Most entries in any one list of the styles part (cell formats, fonts, fills, borders, ...). */
    maxStyles: z.number().int().positive().default(10_000),
    /** Largest uncompressed size of any one XML part, in bytes. */
    maxXmlPartBytes: z
      .number()
      .int()
      .positive()
      .default(32 * 1024 * 1024),
    /** Deepest nesting of elements in the XML parts that are parsed. */
    maxXmlDepth: z.number().int().min(8).default(64),
    /**
     * Seconds of work allowed on one upload (checks, parsing, the marked-up copy). Past it the
     * upload is rejected as `file.too-complex`. Keep it × the queue's batch size well under the
     * ingest function's timeout, so that a slow file is answered, never retried by SQS.
     */
    timeBudgetSeconds: z.number().positive().max(600).default(15),
  })
  .strict();

export type SubmissionLimits = z.infer<typeof submissionLimitsSchema>;

/** Bounds on a received message (SES itself bounces anything over 40 MB). */
export const intakeLimitsSchema = z
  .object({
    /** Largest raw message read, in bytes; a larger one is answered without being opened. */
    maxMessageBytes: z
      .number()
      .int()
      .positive()
      .max(40 * 1024 * 1024)
      .default(25 * 1024 * 1024),
    /** Most attachments in a message (inline parts such as signature images not counted). */
    maxAttachments: z.number().int().positive().max(100).default(10),
    /** Most workbooks in one message. */
    maxWorkbooks: z.number().int().positive().max(20).default(6),
  })
  .strict();

/**
 * Settings an operator chooses (docs/configuration.md). Locally they come from a JSON file
 * (`--config`, else ./strategy-report.config.json when present); in AWS the CDK stage
 * configuration passes the same values to the functions.
 */
export const productConfigSchema = z
  .object({
    /** A replacement strategy catalog (JSON, see docs/catalog.md). Default: the CBP catalog. */
    catalogFile: z.string().optional(),
    /** The time zone months and schedules are reckoned in. */
    timeZone: timeZone.default('America/New_York'),
    /** Submissions for a month are due on this day of the following month. */
    submissionDeadlineDay: z.number().int().min(1).max(28).default(10),
    /** Offices that have not submitted are reminded this many days before the deadline (and on it). */
    reminderDaysBefore: z.number().int().min(1).max(27).default(3),
    mail: z
      .object({
        sender: z.email().default('strategy-report@example.gov'),
        leadership: z.array(z.email()).default(['leadership@example.gov']),
        /** Where offices without a known submitter address are reminded, by office code. */
        officeContacts: z.record(z.string(), z.email()).default({}),
        /**
         * Where offices reply with their workbooks: the Reply-To of every message to an office, and
         * the recipient of the SES receipt rule in AWS (docs/email-intake.md).
         */
        intakeAddress: z.email().default('submissions@example.gov'),
        /**
         * Who may submit for each office by e-mail: office code → plain addresses and `@domain`
         * entries (every address of exactly that domain). Nobody, by default.
         */
        officeSubmitters: z
          .record(
            z.string().regex(/^[A-Z][A-Z0-9]{1,9}$/, 'an office code'),
            z.array(
              z.string().refine(isSubmitterEntry, 'an e-mail address or @domain (e.g. @ofo.agency.gov)'),
            ),
          )
          .default({}),
      })
      .strict()
      .prefault({}),
    /** Bounds on an uploaded workbook, checked before and while it is parsed (docs/submissions.md). */
    limits: submissionLimitsSchema.prefault({}),
    /** Bounds on a message received by e-mail, checked before any attachment is read (docs/email-intake.md). */
    intakeLimits: intakeLimitsSchema.prefault({}),
    /**
     * Rollup rules an operator may tune (docs/status-rules.md). Optional: the rollup's documented
     * defaults apply to whatever is left out.
     */
    rollup: z
      .object({
        /** How many months old a value may be carried forward into a period its office missed (0 = never). */
        carryForwardMonths: z.number().int().min(0).max(12).optional(),
        /** Weights other than 1 for the weighted percent complete, by catalog id. */
        weights: z
          .object({
            goals: z.record(z.string(), z.number().positive()).optional(),
            objectives: z.record(z.string(), z.number().positive()).optional(),
            keyActivities: z.record(z.string(), z.number().positive()).optional(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    /** A marking banner printed on every page of the PDF brief (e.g. CUI); none by default. */
    markingBanner: z.string().trim().min(1).max(80).optional(),
  })
  .strict();

export type ProductConfig = z.infer<typeof productConfigSchema>;

export const DEFAULT_CONFIG_FILE = 'strategy-report.config.json';

export function parseProductConfig(document: unknown, file = 'configuration'): ProductConfig {
  const parsed = productConfigSchema.safeParse(document);
  if (!parsed.success) {
    throw new InvalidInputError(
      parsed.error.issues.map((issue) => ({
        rule: 'config.schema',
        message: `${issue.path.length > 0 ? z.core.toDotPath(issue.path) : '(root)'}: ${issue.message}`,
        file,
      })),
    );
  }
  return parsed.data;
}

/** Reads the configuration file when there is one; defaults otherwise. */
export async function loadProductConfig(file?: string): Promise<ProductConfig> {
  const path = file ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined);
  if (path === undefined) return parseProductConfig({});
  let document: unknown;
  try {
    document = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new InvalidInputError({
      rule: 'config.readable',
      message: `cannot read the configuration: ${(error as Error).message}`,
      file: path,
    });
  }
  return parseProductConfig(document, path);
}
