import type { Command } from 'commander';
import { createResendHandler } from '../../entries/resend-entry';
import { silentLog } from '../../ports/log';
import { type CliIo, printJson } from '../cli-io';
import { globalOptionsOf, withLocalDependencies } from '../global-options';

export function registerResendCommand(program: Command, io: CliIo): void {
  program
    .command('resend')
    .description(
      'send again, from its record, every answer to a submitter whose send failed and whose next try has come (what the resend function does every few minutes in AWS); the ingest is not run again. Lists what is still not delivered.',
    )
    .option(
      '--undeliverable',
      'also retry answers given up on after their last try (once the cause is fixed, e.g. the address verified in the SES sandbox)',
    )
    .option('--json', 'print what was tried and what is still not delivered as JSON')
    .action(async (options: { undeliverable?: boolean; json?: boolean }, command: Command) => {
      const outcome = await withLocalDependencies(globalOptionsOf(command), (deps) =>
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
    });
}
