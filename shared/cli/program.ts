import { Command, Option } from 'commander';
import { type CliIo, processIo } from './cli-io';
import { registerCatalogCommand } from './commands/catalog-command';
import { registerDemoCommand } from './commands/demo-command';
import { registerHistoryCommand } from './commands/history-command';
import { registerLocalCommand } from './commands/local-command';
import { registerNotifyCommand } from './commands/notify-command';
import { registerReceiveCommand } from './commands/receive-command';
import { registerReconcileCommand } from './commands/reconcile-command';
import { registerRemindCommand } from './commands/remind-command';
import { registerRenderCommand } from './commands/render-command';
import { registerReportsCommand } from './commands/reports-command';
import { registerResendCommand } from './commands/resend-command';
import { registerRollupCommand } from './commands/rollup-command';
import { registerServeCommand } from './commands/serve-command';
import { registerStatusCommand } from './commands/status-command';
import { registerSubmitCommand } from './commands/submit-command';
import { registerTemplateCommand } from './commands/template-command';
import { DEFAULT_DATA_DIR } from './global-options';
import { parseWaitOption, WAIT_OPTION_HELP } from './wait-option';

/**
 * The `strategy-report` command line, with every command registered.
 *
 * One pattern for every command, so `--help` answers at once: `commands/<name>-command.ts`
 * registers it (name, arguments, options, help) importing only commander and light helpers, and
 * its action `import()`s `commands/<name>-action.ts`, which holds the work and everything heavy
 * (the AWS SDK, exceljs, the renderers). A test fails if a registration loads more.
 */
export function buildProgram(io: CliIo = processIo): Command {
  const program = new Command('strategy-report')
    .description(
      "Turns offices' monthly progress workbooks into auditable status reports on a five-year strategy.\nRuns against embedded local stores by default (no AWS account needed).",
    )
    .addOption(
      new Option('--data-dir <dir>', 'where local data persists between runs').default(DEFAULT_DATA_DIR),
    )
    .option(
      '--catalog <file>',
      'use this strategy catalog (JSON, see docs/catalog.md) instead of the built-in one',
    )
    .option('--config <file>', 'configuration file (default: ./strategy-report.config.json when present)')
    .addOption(
      new Option(
        '--target <where>',
        'where the data is: local stores, or a deployed AWS stack (commands that say so)',
      )
        .choices(['local', 'aws'])
        .default('local'),
    )
    .option(
      '--stack <name>',
      'with --target aws: the stateful stack whose outputs name the table and buckets',
    )
    .option('--region <region>', 'with --target aws: the AWS region (default: AWS_REGION)')
    .addOption(new Option('--wait <seconds>', WAIT_OPTION_HELP).argParser(parseWaitOption))
    .option('--verbose', 'print stack traces with errors')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (text) => io.out(text), writeErr: (text) => io.err(text) })
    .exitOverride();
  registerCatalogCommand(program, io);
  registerLocalCommand(program, io);
  registerServeCommand(program, io);
  registerDemoCommand(program, io);
  registerTemplateCommand(program, io);
  registerSubmitCommand(program, io);
  registerReceiveCommand(program, io);
  registerStatusCommand(program, io);
  registerReconcileCommand(program, io);
  registerRollupCommand(program, io);
  registerRenderCommand(program, io);
  registerNotifyCommand(program, io);
  registerRemindCommand(program, io);
  registerResendCommand(program, io);
  registerReportsCommand(program, io);
  registerHistoryCommand(program, io);
  // Subcommands too (`reports verify`): errors come back to runCli, output goes to io.
  const configure = (parent: Command) => {
    for (const command of parent.commands) {
      command
        .exitOverride()
        .configureOutput({ writeOut: (text) => io.out(text), writeErr: (text) => io.err(text) });
      configure(command);
    }
  };
  configure(program);
  return program;
}
