import { basename } from 'node:path';
import { FullBatchFailureError } from '@aws-lambda-powertools/batch';
import type { Dependencies } from '../../composition/dependencies';
import { formatProblem, type InputProblem, InvalidInputError } from '../../domain/errors';
import { isEmailAddress } from '../../domain/mail-text';
import { type Period, parsePeriod } from '../../domain/period';
import { METADATA_KEYS } from '../../domain/submission/template-layout';
import { createIngestHandler } from '../../entries/ingest-entry';
import { uploadAndDeliver } from '../../local/deliver-upload';
import { safeFileName, uploadKey } from '../../storage/object-keys';
import type { IngestOutcome } from '../../use-cases/ingest-submission';
import { cliLog, readInputFile } from '../cli-input';
import { type CliIo, printJson } from '../cli-io';
import { withLocalDependencies } from '../command-dependencies';
import type { GlobalOptions } from '../global-options';

export interface SubmitOptions {
  readonly json?: boolean;
  readonly uploader?: string;
  readonly office?: string;
  readonly period?: string;
}

export async function submitAction(
  io: CliIo,
  file: string,
  options: SubmitOptions,
  globals: GlobalOptions,
): Promise<void> {
  if (options.uploader !== undefined && !isEmailAddress(options.uploader))
    throw new InvalidInputError({
      rule: 'submit.uploader',
      message: `"${options.uploader}" is not an e-mail address`,
      column: '--uploader',
    });
  const bytes = await readInputFile(file);
  const log = cliLog(io, globals.verbose === true);

  const outcome = await withLocalDependencies(globals, async (dependencies) => {
    const { office, period } = await officeAndPeriod(bytes, file, options, dependencies);
    const key = uploadKey(office, period, safeFileName(basename(file)));
    const outcomes: IngestOutcome[] = [];
    const handler = createIngestHandler(dependencies, { log, onOutcome: (each) => outcomes.push(each) });
    let failures: string[] = [];
    try {
      const delivered = await uploadAndDeliver(
        { key, bytes, ...(options.uploader ? { uploader: options.uploader } : {}) },
        dependencies.uploads,
        handler,
      );
      failures = delivered.response.batchItemFailures.map((failure) => failure.itemIdentifier);
    } catch (error) {
      if (error instanceof FullBatchFailureError) {
        const cause = error.recordErrors[0];
        throw new Error(`the ingest failed and AWS would retry it: ${cause?.message ?? error.message}`);
      }
      throw error;
    }
    if (failures.length > 0 || outcomes.length === 0)
      throw new Error('the ingest did not answer the upload; AWS would retry it');
    return outcomes[0] as IngestOutcome;
  });
  report(io, outcome, options.json === true);
}

/** The prefix comes from the flags or the workbook's metadata; the ingest re-checks everything. */
async function officeAndPeriod(
  bytes: Buffer,
  file: string,
  options: SubmitOptions,
  dependencies: Dependencies,
): Promise<{ office: string; period: Period }> {
  let office = options.office?.trim().toUpperCase();
  let period = options.period ? parsePeriod(options.period, { column: '--period' }) : undefined;
  if (office === undefined || period === undefined) {
    const reading = await dependencies.workbooks.read(bytes, dependencies.config.limits, basename(file));
    const metadata = reading.kind === 'read' ? reading.workbook.metadata : undefined;
    office ??= metadata?.get(METADATA_KEYS.office);
    const fromWorkbook = metadata?.get(METADATA_KEYS.period);
    if (period === undefined && fromWorkbook !== undefined) period = parsePeriod(fromWorkbook, { file });
  }
  if (office === undefined || period === undefined)
    throw new InvalidInputError({
      rule: 'submit.office-period',
      message:
        'cannot tell the office and period from the workbook (it is not a readable template): give --office and --period',
      file,
    });
  return { office, period };
}

function report(io: CliIo, outcome: IngestOutcome, json: boolean): void {
  if (json) printJson(io, outcome);
  switch (outcome.kind) {
    case 'accepted':
      if (!json) {
        io.out(
          `accepted: ${outcome.office} ${outcome.period} revision ${outcome.revision}, ${outcome.rows} rows (${outcome.key}, SHA-256 ${outcome.sha256})`,
        );
        if (outcome.unchanged && outcome.unchanged.length > 0)
          io.out(
            `unchanged since last period: ${outcome.unchanged.length} rows (${outcome.unchanged.join(', ')})`,
          );
        for (const warning of outcome.warnings ?? []) io.err(`warning: ${formatProblem(warning)}`);
      }
      return;
    case 'duplicate':
      if (!json)
        io.out(
          `accepted, nothing changed: the same file is already revision ${outcome.revision} of ${outcome.office} ${outcome.period} (${outcome.rows} rows)`,
        );
      return;
    case 'gone':
      throw new Error(`the upload ${outcome.key} disappeared before it was processed`);
    case 'rejected': {
      if (!json)
        io.out(
          `rejected: ${outcome.office ?? '?'} ${outcome.period ?? '?'}, ${outcome.problems.length} problem${outcome.problems.length === 1 ? '' : 's'}${outcome.annotatedKey ? ` (marked-up copy: ${outcome.annotatedKey})` : ''}`,
        );
      throw new InvalidInputError(outcome.problems as InputProblem[]);
    }
  }
}
