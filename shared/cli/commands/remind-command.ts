import type { Command } from 'commander';
import { runRemind } from '../../entries/remind-entry';
import type { RemindOfficesOutcome } from '../../use-cases/remind-offices';
import { type CliIo, printJson } from '../cli-io';
import { globalOptionsOf, withLocalDependencies } from '../global-options';
import { PERIOD_OPTION_HELP, periodInput } from '../period-option';

export function formatRemindOutcome(outcome: RemindOfficesOutcome): string {
  const lines = [
    `${outcome.period}: submissions due ${outcome.deadline}; reminder days ${outcome.reminderDates.join(' and ')}; today ${outcome.today}`,
    `  submitted: ${outcome.submitted.length > 0 ? outcome.submitted.join(', ') : 'none'}`,
    ...outcome.reminded.map(
      (reminder) =>
        `  ${reminder.kind === 'open' ? 'sent the open-period e-mail to' : 'reminded'} ${reminder.office}: ${reminder.to.join(', ')} (${reminder.contactSource})`,
    ),
  ];
  if (outcome.alreadyReminded.length > 0)
    lines.push(`  already reminded today: ${outcome.alreadyReminded.join(', ')}`);
  if (outcome.noContact.length > 0)
    lines.push(
      `  no address known for: ${outcome.noContact.join(', ')} (set mail.officeContacts in the configuration)`,
    );
  if (outcome.reminded.length === 0 && outcome.alreadyReminded.length === 0 && outcome.noContact.length === 0)
    lines.push('  every office has submitted: nobody to remind');
  return lines.join('\n');
}

export function registerRemindCommand(program: Command, io: CliIo): void {
  program
    .command('remind')
    .description(
      'e-mail every office that has not submitted for the period its workbook, now, with reply instructions (the scheduled run sends the open-period e-mail on the first day of the submission window and reminders on the reminder days); each office is reminded at most once a day',
    )
    .option('--period <YYYY-MM>', PERIOD_OPTION_HELP)
    .option('--open', 'send the open-period e-mail (once per office and period) instead of a reminder')
    .option('--json', 'print the result as JSON')
    .action(async (options: { period?: string; open?: boolean; json?: boolean }, command: Command) => {
      // Today, whatever the day: the daily function only sends on the open day and reminder days.
      const request = {
        ...periodInput(options.period),
        mode: 'now' as const,
        ...(options.open ? { kind: 'open' as const } : {}),
      };
      const outcome = await withLocalDependencies(globalOptionsOf(command), (deps) =>
        runRemind(deps, request),
      );
      if (options.json) printJson(io, outcome);
      else io.out(formatRemindOutcome(outcome));
    });
}
