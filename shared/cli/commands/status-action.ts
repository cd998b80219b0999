import { previousCalendarMonth } from '../../domain/period';
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
    const [status, uploads] = await Promise.all([
      periodStatus(deps, period),
      findUnansweredUploads(deps, { period }),
    ]);
    const unprocessedUploads = uploads.unanswered.length;
    if (options.json) {
      printJson(io, { ...status, unprocessedUploads });
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
      ].join('\n'),
    );
  });
}
