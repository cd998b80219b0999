import { runNotify } from '../../entries/notify-entry';
import { type CliIo, printJson } from '../cli-io';
import { withLocalDependencies } from '../command-dependencies';
import type { GlobalOptions } from '../global-options';
import { periodInput } from '../period-option';

export async function notifyAction(
  io: CliIo,
  options: { period?: string; json?: boolean },
  globals: GlobalOptions,
): Promise<void> {
  const request = periodInput(options.period);
  const result = await withLocalDependencies(globals, (deps, runtime) =>
    runNotify(deps, request).then((outcome) => ({
      ...outcome,
      outbox: runtime.outboxDirectory,
    })),
  );
  if (options.json) {
    printJson(io, result);
    return;
  }
  const version = `v${String(result.version).padStart(4, '0')}`;
  io.out(
    result.outcome === 'already-sent'
      ? `${result.period}: report ${version} was already mailed to ${result.recipients.join(', ')} at ${result.sentAt}; nothing sent.`
      : `${result.period}: mailed report ${version} to ${result.recipients.join(', ')} (PDF attached, workbook ${result.workbook}); outbox ${result.outbox}`,
  );
}
