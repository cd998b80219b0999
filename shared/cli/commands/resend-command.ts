import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { globalOptionsOf } from '../global-options';

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
      const { resendAction } = await import('./resend-action');
      await resendAction(io, options, globalOptionsOf(command));
    });
}
