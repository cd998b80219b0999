/**
 * Errors the product answers with, as opposed to bugs.
 *
 * An `InvalidInputError` is the user's to fix: the CLI prints it as one line and exits 2,
 * the ingest answers the submitter with it instead of retrying. Each problem names the rule
 * it broke and, where there is one, the file, row and column.
 */
export interface InputProblem {
  /** A short stable identifier of the rule, e.g. `status.allowed-values`. */
  readonly rule: string;
  /** What is wrong and how to fix it, in words a submitter understands. */
  readonly message: string;
  readonly file?: string;
  readonly sheet?: string;
  readonly row?: number;
  readonly column?: string;
}

export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';
  readonly problems: readonly InputProblem[];

  constructor(problems: InputProblem | readonly InputProblem[]) {
    const list = Array.isArray(problems) ? problems : [problems as InputProblem];
    if (list.length === 0) throw new Error('InvalidInputError needs at least one problem');
    super(
      list.length === 1
        ? formatProblem(list[0] as InputProblem)
        : `${list.length} problems: ${list.map(formatProblem).join('; ')}`,
    );
    this.problems = list;
  }
}

/** Something that should exist does not (a period with no rollup, a report version, ...). */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

/**
 * Stored data does not match the hash recorded for it (a report file against its manifest, a
 * manifest against the report index or the next manifest, a snapshot against its record). Not a
 * bug and not retryable: the CLI prints it as one line and exits 2, like an input error, because
 * what was asked for cannot be trusted.
 */
export class IntegrityError extends Error {
  override readonly name = 'IntegrityError';
}

/** Formats one problem as `file, sheet Progress, row 7, column Status: message [rule]`. */
export function formatProblem(problem: InputProblem): string {
  const where = [
    problem.file,
    problem.sheet ? `sheet ${problem.sheet}` : undefined,
    problem.row !== undefined ? `row ${problem.row}` : undefined,
    // A command-line flag is named as an option; anything else is a workbook column.
    problem.column ? `${problem.column.startsWith('--') ? 'option' : 'column'} ${problem.column}` : undefined,
  ].filter((part): part is string => part !== undefined && part !== '');
  const prefix = where.length > 0 ? `${where.join(', ')}: ` : '';
  return `${prefix}${problem.message} [${problem.rule}]`;
}
