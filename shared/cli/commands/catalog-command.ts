import { type Command, Option } from 'commander';
import type { CliIo } from '../cli-io';
import { globalOptionsOf } from '../global-options';
import type { CatalogOptions } from './catalog-action';

export function registerCatalogCommand(program: Command, io: CliIo): void {
  program
    .command('catalog')
    .description(
      'show the strategy catalog: goals, mission areas, objectives, key activities and their offices. With --catalog FILE.xml (a StratML plan) it shows the plan as imported and every warning, each with its element path (docs/stratml.md); --format stratml writes the catalog as a StratML Part 2 Strategic_Plan',
    )
    .addOption(
      new Option('--format <format>', 'tree (default), json, or stratml (XML)').choices([
        'tree',
        'json',
        'stratml',
      ]),
    )
    .option('--json', 'the same as --format json')
    .option(
      '--out <file>',
      'with --format stratml: write the XML to this new file instead of standard output',
    )
    .action(async (options: CatalogOptions, command: Command) => {
      const { catalogAction } = await import('./catalog-action');
      await catalogAction(io, options, globalOptionsOf(command));
    });
}
