import { createResendHandler } from '../../entries/resend-entry';
import { silentLog } from '../../ports/log';
import { type CliIo, printJson } from '../cli-io';
import { withLocalDependencies } from '../command-dependencies';
import type { GlobalOptions } from '../global-options';

export async function resendAction(
  io: CliIo,
  options: { undeliverable?: boolean; json?: boolean },
  globals: GlobalOptions,
): Promise<void> {
  const outcome = await withLocalDependencies(globals, (deps) =>
    createResendHandler(deps, { log: silentLog })(options.undeliverable ? { undeliverable: true } : {}),
  );
  if (options.json) {
    printJson(io, outcome);
    return;
  }
  io.out(
    [
      `Tried ${outcome.tried.length} answer${outcome.tried.length === 1 ? '' : 's'}${outcome.tried.length > 0 ? `: ${outcome.tried.map((tried) => `${tried.id} ${tried.result}`).join(', ')}` : ''}`,
      `Not delivered: ${outcome.undelivered.length}`,
      ...outcome.undelivered.map(
        (answer) =>
          `  ${answer.state} ${answer.about} to ${answer.message.to.join(', ')} (${answer.attempts} tr${answer.attempts === 1 ? 'y' : 'ies'}${answer.nextAttemptAt ? `, next ${answer.nextAttemptAt}` : ''})${answer.lastError ? `: ${answer.lastError}` : ''}`,
      ),
    ].join('\n'),
  );
}
