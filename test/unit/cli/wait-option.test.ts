import { describe, expect, it } from 'vitest';
import { runCli } from '../../../shared/cli/run-cli';
import { waitSeconds } from '../../../shared/cli/wait-option';
import { InvalidInputError } from '../../../shared/domain/errors';

describe('how long a command waits for a busy data directory', () => {
  it('is --wait when given, else STRATEGY_REPORT_WAIT, else 30 seconds', () => {
    expect(waitSeconds(5, { STRATEGY_REPORT_WAIT: '12' })).toBe(5);
    expect(waitSeconds(undefined, { STRATEGY_REPORT_WAIT: '12' })).toBe(12);
    expect(waitSeconds(undefined, { STRATEGY_REPORT_WAIT: '0.5' })).toBe(0.5);
    expect(waitSeconds(undefined, {})).toBe(30);
    expect(waitSeconds(undefined, { STRATEGY_REPORT_WAIT: '' })).toBe(30);
  });

  it('refuses an environment value that is not a number of seconds, naming the variable', () => {
    for (const value of ['soon', '-1', '90000', ' '])
      expect(() => waitSeconds(undefined, { STRATEGY_REPORT_WAIT: value }), value).toThrow(InvalidInputError);
    expect(() => waitSeconds(undefined, { STRATEGY_REPORT_WAIT: 'soon' })).toThrow(
      'STRATEGY_REPORT_WAIT="soon" is not a number of seconds from 0 to 86400',
    );
  });

  it('takes --wait as a usage error (exit 2) when it is not a number of seconds', async () => {
    const err: string[] = [];
    const code = await runCli(['--wait', 'forever', 'local'], {
      out: () => undefined,
      err: (text) => err.push(text),
    });
    expect(code).toBe(2);
    expect(err.join('')).toContain(
      "option '--wait <seconds>' argument 'forever' is invalid. give a number of seconds from 0 to 86400",
    );
  });
});
