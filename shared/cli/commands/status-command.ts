import type { Command } from 'commander';
import { previousCalendarMonth } from '../../domain/period';
import { type MailStatus, mailStatus } from '../../use-cases/mail-status';
import { periodStatus } from '../../use-cases/period-status';
import { type CliIo, printJson } from '../cli-io';
import { globalOptionsOf, withLocalDependencies } from '../global-options';
import { PERIOD_OPTION_HELP, periodInput } from '../period-option';

export function registerStatusCommand(program: Command, io: CliIo): void {
  program
    .command('status')
    .description(
      'show, for each office, whether it submitted for the period: current revision, when and by whom, rows, rejected uploads; then the e-mail received in the submission window that was refused or ignored, and every answer that could not be delivered',
    )
    .option('--period <YYYY-MM>', PERIOD_OPTION_HELP)
    .option('--json', 'print the status as JSON')
    .action(async (options: { period?: string; json?: boolean }, command: Command) => {
      await withLocalDependencies(globalOptionsOf(command), async (deps) => {
        const period =
          periodInput(options.period).period ?? previousCalendarMonth(deps.clock.now(), deps.config.timeZone);
        const status = await periodStatus(deps, period);
        const mail = await mailStatus(period, deps);
        if (options.json) {
          printJson(io, { ...status, mail });
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
            ...mailLines(mail),
          ].join('\n'),
        );
      });
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
