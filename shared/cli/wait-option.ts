import { InvalidArgumentError } from 'commander';
import { InvalidInputError } from '../domain/errors';
import { DEFAULT_WAIT_SECONDS, WAIT_ENVIRONMENT_VARIABLE } from '../local/data-directory-wait';

export const WAIT_OPTION_HELP = `how long a command waits, in seconds, for a data directory another strategy-report process is using before it gives up (default ${DEFAULT_WAIT_SECONDS}, or $${WAIT_ENVIRONMENT_VARIABLE})`;

/** A number of seconds, 0 (do not wait) to a day. */
function parseSeconds(text: string): number | undefined {
  const seconds = Number(text);
  return text.trim() !== '' && Number.isFinite(seconds) && seconds >= 0 && seconds <= 86_400
    ? seconds
    : undefined;
}

/** `--wait SECONDS` as commander parses it: a bad value is a usage error. */
export function parseWaitOption(text: string): number {
  const seconds = parseSeconds(text);
  if (seconds === undefined) throw new InvalidArgumentError('give a number of seconds from 0 to 86400');
  return seconds;
}

/** The wait: the option, else the environment variable, else the default. */
export function waitSeconds(option: number | undefined, environment = process.env): number {
  if (option !== undefined) return option;
  const text = environment[WAIT_ENVIRONMENT_VARIABLE];
  if (text === undefined || text === '') return DEFAULT_WAIT_SECONDS;
  const seconds = parseSeconds(text);
  if (seconds === undefined)
    throw new InvalidInputError({
      rule: 'wait.seconds',
      message: `${WAIT_ENVIRONMENT_VARIABLE}="${text}" is not a number of seconds from 0 to 86400`,
      column: WAIT_ENVIRONMENT_VARIABLE,
    });
  return seconds;
}
