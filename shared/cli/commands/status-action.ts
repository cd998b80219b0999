import { previousCalendarMonth } from '../../domain/period';
import { type MailStatus, mailStatus } from '../../use-cases/mail-status';
import { periodStatus } from '../../use-cases/period-status';
import { findUnansweredUploads } from '../../use-cases/reconcile-uploads';
import { type CliIo, printJson } from '../cli-io';
import { withLocalDependencies } from '../command-dependencies';
import type { GlobalOptions } from '../global-options';
import { periodInput } from '../period-option';

export async function statusAction(
  io: CliIo,
  options: { period?: string; json?: boolean },
  globals: GlobalOptions,
): Promise<void> {
  await withLocalDependencies(globals, async (deps) => {
    const period =
      periodInput(options.period).period ?? previousCalendarMonth(deps.clock.now(), deps.config.timeZone);
    const [status, uploads, mail] = await Promise.all([
      periodStatus(deps, period),
      findUnansweredUploads(deps, { period }),
      mailStatus(period, deps),
    ]);
    const unprocessedUploads = uploads.unanswered.length;
    if (options.json) {
      printJson(io, { ...status, unprocessedUploads, mail });
      return;
    }
    const header = ['office', 'status', 'revision', 'accepted at', 'by', 'rows', 'rejected'];
    const table = status.offices.map((office) => [
      office.office,
      office.submitted ? 'submitted' : 'missing',
      office.revision !== undefined ? `r${office.revision}` : '—',
      office.acceptedAt ?? '—',
      office.uploader ?? '—',
      `${office.rows ?? 0}/${office.expectedRows}`,
      String(office.rejectedAttempts),
    ]);
    const widths = header.map((title, column) =>
      Math.max(title.length, ...table.map((cells) => (cells[column] as string).length)),
    );
    const line = (cells: readonly string[]) =>
      cells
        .map((cell, column) => cell.padEnd(widths[column] as number))
        .join('  ')
        .trimEnd();
    io.out(
      [
        `Submissions for ${status.period}: ${status.submitted} of ${status.expected} offices`,
        line(header),
        ...table.map(line),
        unprocessedUploads === 0
          ? 'Unprocessed uploads: none'
          : `Unprocessed uploads: ${unprocessedUploads} stored with no submission record; strategy-report reconcile --period ${period} lists them, --replay has them answered`,
        ...mailLines(mail),
      ].join('\n'),
    );
  });
}

function mailLines(mail: MailStatus): string[] {
  const counts = Object.entries(mail.byStatus)
    .map(([status, count]) => `${count} ${status}`)
    .join(', ');
  return [
    '',
    `E-mail received in ${mail.receivedIn}: ${mail.received} message${mail.received === 1 ? '' : 's'}${counts ? ` (${counts})` : ''}`,
    ...mail.notAnswered.map(
      (message) =>
        `  ${message.status} ${message.receivedAt} ${message.sender || '(no sender)'}: ${message.detail ?? message.reason ?? ''}${message.reason ? ` [${message.reason}]` : ''}`,
    ),
    `Answers not delivered: ${mail.undelivered.length}`,
    ...mail.undelivered.map(
      (answer) =>
        `  ${answer.state} ${answer.about} (${answer.attempts} tr${answer.attempts === 1 ? 'y' : 'ies'}${answer.nextAttemptAt ? `, next ${answer.nextAttemptAt}` : ''})${answer.lastError ? `: ${answer.lastError}` : ''}`,
    ),
  ];
}
