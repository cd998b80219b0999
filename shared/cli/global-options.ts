import type { Command } from 'commander';

/** Options every command accepts (set before or after the command name). */
export interface GlobalOptions {
  readonly dataDir: string;
  /** `local` (default): the embedded stores; `aws`: a deployed stack, named by `stack`. */
  readonly target?: 'local' | 'aws';
  readonly stack?: string;
  readonly region?: string;
  readonly catalog?: string;
  readonly config?: string;
  readonly verbose?: boolean;
  /** `--wait SECONDS` when given (else $STRATEGY_REPORT_WAIT, else 30: see wait-option.ts). */
  readonly wait?: number;
  /** The command that runs, e.g. `reports verify`: named to whoever waits for this process. */
  readonly command?: string;
}

export const DEFAULT_DATA_DIR = '.local';

export function globalOptionsOf(command: Command): GlobalOptions {
  const names: string[] = [];
  for (let each: Command | null = command; each?.parent; each = each.parent) names.unshift(each.name());
  return { ...command.optsWithGlobals<GlobalOptions>(), command: names.join(' ') };
}
