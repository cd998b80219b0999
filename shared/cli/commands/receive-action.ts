import { FullBatchFailureError } from '@aws-lambda-powertools/batch';
import { type InputProblem, InvalidInputError } from '../../domain/errors';
import type { VerdictStatus } from '../../domain/mail/receipt-verdicts';
import { localMailPipeline } from '../../local/deliver-mail';
import { type ReceivedMailSummary, receivedMailSummary } from '../../use-cases/received-mail-summary';
import { cliLog, readInputFile } from '../cli-input';
import { type CliIo, printJson } from '../cli-io';
import { withLocalDependencies } from '../command-dependencies';
import type { GlobalOptions } from '../global-options';

export interface ReceiveOptions {
  readonly spf: VerdictStatus;
  readonly dkim: VerdictStatus;
  readonly dmarc: VerdictStatus;
  readonly spam: VerdictStatus;
  readonly virus: VerdictStatus;
  readonly json?: boolean;
}

export async function receiveAction(
  io: CliIo,
  file: string,
  options: ReceiveOptions,
  globals: GlobalOptions,
): Promise<void> {
  const raw = await readInputFile(file);
  const log = cliLog(io, globals.verbose === true);
  const summary = await withLocalDependencies(globals, async (dependencies) => {
    const pipeline = localMailPipeline(dependencies, { log });
    const stored = await pipeline.store(raw, {
      verdicts: {
        spf: options.spf,
        dkim: options.dkim,
        dmarc: options.dmarc,
        spam: options.spam,
        virus: options.virus,
      },
    });
    try {
      const delivered = await pipeline.deliver(stored.event);
      if (delivered.response.batchItemFailures.length > 0)
        throw new Error('the intake did not finish the message; AWS would deliver it again');
    } catch (error) {
      if (error instanceof FullBatchFailureError)
        throw new Error(
          `the intake failed and AWS would retry it: ${error.recordErrors[0]?.message ?? error.message}`,
        );
      throw error;
    }
    const result = await receivedMailSummary(stored.sesMessageId, dependencies);
    if (!result) throw new Error(`the intake kept no record of message ${stored.sesMessageId}`);
    return result;
  });
  if (options.json) printJson(io, summary);
  else io.out(describe(summary));
  const problems = problemsOf(summary, file);
  if (problems.length > 0) throw new InvalidInputError(problems);
}

function describe(summary: ReceivedMailSummary): string {
  const { message } = summary;
  const lines = [
    `${message.status}: message ${message.id} from ${message.sender || '(no sender)'}${message.reason ? ` — ${message.detail ?? message.reason} [${message.reason}]` : ''}`,
  ];
  for (const workbook of summary.workbooks)
    lines.push(`  ${workbook.file}: ${outcomeLine(workbook.outcome)}`);
  if (summary.answer)
    lines.push(
      `answer ${summary.answer.state}: "${summary.answer.subject}" to ${summary.answer.to.join(', ')}${summary.answer.attachments.length > 0 ? ` with ${summary.answer.attachments.join(', ')}` : ''}${summary.answer.lastError ? ` (${summary.answer.lastError})` : ''}`,
    );
  else if (message.status === 'refused' || message.status === 'ignored' || message.status === 'duplicate')
    lines.push('no answer (none is sent to refused, automatic or repeated mail)');
  return lines.join('\n');
}

function outcomeLine(outcome: ReceivedMailSummary['workbooks'][number]['outcome']): string {
  if (!outcome) return 'not answered yet';
  switch (outcome.kind) {
    case 'accepted':
      return outcome.duplicate
        ? `accepted, nothing changed: already revision ${outcome.revision} of ${outcome.office} ${outcome.period}`
        : `accepted: ${outcome.office} ${outcome.period} revision ${outcome.revision}, ${outcome.rows} rows (SHA-256 ${outcome.sha256})`;
    case 'rejected':
      return `rejected: ${outcome.problemCount} problem${outcome.problemCount === 1 ? '' : 's'}${outcome.office ? ` (${outcome.office} ${outcome.period})` : ''}`;
    case 'refused':
      return `not submitted: ${outcome.detail}`;
  }
}

/** Why `receive` exits 2: the refusal, or every problem of every workbook not accepted. */
function problemsOf(summary: ReceivedMailSummary, file: string): InputProblem[] {
  if (summary.allAccepted) return [];
  const { message } = summary;
  if (message.status !== 'submitted')
    return [
      {
        rule: `mail.${message.reason ?? message.status}`,
        message: `message ${message.status}: ${message.detail ?? message.reason ?? ''}`,
        file,
      },
    ];
  return summary.workbooks.flatMap((workbook): InputProblem[] => {
    const outcome = workbook.outcome;
    if (!outcome)
      return [
        { rule: 'mail.unanswered', message: 'the ingest did not answer this workbook', file: workbook.file },
      ];
    if (outcome.kind === 'accepted') return [];
    if (outcome.kind === 'refused')
      return [{ rule: 'mail.not-listed-for-office', message: outcome.detail, file: workbook.file }];
    return outcome.problems.map((problem) => ({ ...problem, file: workbook.file }));
  });
}
