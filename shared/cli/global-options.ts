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
}

export const DEFAULT_DATA_DIR = '.local';

export function globalOptionsOf(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}
