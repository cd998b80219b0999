import { type Command, Option } from 'commander';
import type { CliIo } from '../cli-io';
import { globalOptionsOf } from '../global-options';
import type { ReceiveOptions } from './receive-action';

const verdictOption = (name: string, what: string) =>
  new Option(`--${name} <verdict>`, `SES's ${what} verdict for the message`)
    .choices(['PASS', 'FAIL', 'GRAY'])
    .default('PASS');

export function registerReceiveCommand(program: Command, io: CliIo): void {
  program
    .command('receive')
    .argument('<file>', 'the e-mail as received (.eml, RFC 5322)')
    .description(
      "receive an e-mail at the intake address exactly as AWS would: store the raw message where SES's receipt rule stores it, hand the intake function the SES notification (with the verdicts given here) inside an SQS message, then ingest each workbook it uploads. The answer goes to the outbox. Exits 0 when every attached workbook was accepted, 2 when the message was refused, ignored or answered without a submission, or any workbook was rejected.",
    )
    .addOption(verdictOption('spf', 'SPF'))
    .addOption(verdictOption('dkim', 'DKIM'))
    .addOption(verdictOption('dmarc', 'DMARC'))
    .addOption(verdictOption('spam', 'spam'))
    .addOption(verdictOption('virus', 'virus'))
    .option('--json', 'print the message, each workbook and the answer as JSON')
    .action(async (file: string, options: ReceiveOptions, command: Command) => {
      const { receiveAction } = await import('./receive-action');
      await receiveAction(io, file, options, globalOptionsOf(command));
    });
}
