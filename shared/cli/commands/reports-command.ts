import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { registerReportsGetCommand } from './reports-get-command';
import { registerReportsListCommand } from './reports-list-command';
import { registerReportsReproduceCommand } from './reports-reproduce-command';
import { registerReportsUrlCommand } from './reports-url-command';
import { registerReportsVerifyCommand } from './reports-verify-command';

/** `strategy-report reports …`: the auditor's read-only commands on rendered reports. */
export function registerReportsCommand(program: Command, io: CliIo): void {
  const reports = program
    .command('reports')
    .description(
      'rendered reports, for auditors: list, get, verify, url, reproduce. Read-only; each works on the local stores or, with --target aws --stack NAME, on a deployed stack (see docs/audit.md)',
    );
  registerReportsListCommand(reports, io);
  registerReportsGetCommand(reports, io);
  registerReportsVerifyCommand(reports, io);
  registerReportsUrlCommand(reports, io);
  registerReportsReproduceCommand(reports, io);
}
