import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { globalOptionsOf } from '../global-options';
import type { ServeOptions } from './serve-action';

export function registerServeCommand(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description(
      'start the local stores once and keep them running: the DynamoDB- and S3-compatible servers on 127.0.0.1 and the e-mail outbox, on the data directory, recorded (with this process id) in <data-dir>/owner.json so every other command on that directory uses them instead of starting its own — many commands at once. Prints one line when ready; Ctrl-C (or SIGTERM) stops it cleanly: data flushed, the record removed',
    )
    .option('--json', 'print the ready line as JSON (data directory, pid, endpoints, outbox)')
    .action(async (options: ServeOptions, command: Command) => {
      const { serveAction } = await import('./serve-action');
      await serveAction(io, options, globalOptionsOf(command));
    });
}
