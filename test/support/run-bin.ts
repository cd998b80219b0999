import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/strategy-report.js', import.meta.url));

export interface BinOptions {
  readonly cwd?: string;
  /** Options for Node itself, before the script (e.g. `--import` of a test hook). */
  readonly nodeOptions?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

export interface BinResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const environment = (options: BinOptions) => ({ ...process.env, NO_COLOR: '1', ...options.env });

/** Runs the installed CLI exactly as a user would, in a child process. */
export function runBin(args: readonly string[], options: BinOptions = {}): BinResult {
  const result = spawnSync(process.execPath, [...(options.nodeOptions ?? []), BIN, ...args], {
    encoding: 'utf8',
    cwd: options.cwd,
    env: environment(options),
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The CLI in a child process that runs beside this one (and beside others): for commands at once. */
export function startBin(args: readonly string[], options: BinOptions = {}) {
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeOptions ?? []), BIN, ...args], {
    cwd: options.cwd,
    env: environment(options),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
  });
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  const exited = new Promise<BinResult>((resolve) => {
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
  return {
    child,
    exited,
    /** Resolves with stdout once a line matches (a server's ready line); rejects if the process ends first. */
    async line(pattern: RegExp, timeoutMs = 60_000): Promise<string> {
      const started = Date.now();
      while (Date.now() - started < timeoutMs) {
        const found = stdout.split('\n').find((line) => pattern.test(line));
        if (found !== undefined) return found;
        if (child.exitCode !== null) throw new Error(`exited ${child.exitCode} before ${pattern}: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`no line matching ${pattern} within ${timeoutMs} ms: ${stdout}${stderr}`);
    },
  };
}

/** The CLI in a child process, awaited: several of these at once run concurrently. */
export function runBinAsync(args: readonly string[], options: BinOptions = {}): Promise<BinResult> {
  return startBin(args, options).exited;
}
