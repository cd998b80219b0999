import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { temporaryDataDirectory } from '../support/local-runtime';
import { runBin } from '../support/run-bin';

const HOOK = fileURLToPath(new URL('../support/throw-in-library-callback.mjs', import.meta.url));

/** `local` on a fresh data directory, with the first request to an embedded server failing in the server library. */
function localWithFailingServer(env: Record<string, string>, extra: string[] = []) {
  const dataDir = temporaryDataDirectory('uncaught');
  const result = runBin(['--data-dir', dataDir, 'local', ...extra], { nodeOptions: ['--import', HOOK], env });
  return { ...result, dataDir };
}

describe('an error thrown where no command can catch it', () => {
  it('ends the CLI with one line and exit 1 when a library callback throws', () => {
    const result = localWithFailingServer({ THROW_MESSAGE: 'Database is closed' });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('error: Database is closed (run with --verbose for details)\n');
    expect(result.stdout).toBe('');
    // The process is gone, and so is its claim on the data directory.
    expect(existsSync(join(result.dataDir, 'owner.json'))).toBe(false);
    expect(runBin(['--data-dir', result.dataDir, '--wait', '0', 'local', '--json']).status).toBe(0);
  });

  it('prints the stack trace too with --verbose', () => {
    const result = localWithFailingServer({ THROW_MESSAGE: 'Database is closed' }, ['--verbose']);
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    // (after a note that it runs from source, when the compiled CLI is stale)
    expect(lines.filter((line) => line.startsWith('error:'))).toEqual(['error: Database is closed']);
    expect(lines.some((line) => line.includes('throw-in-library-callback.mjs'))).toBe(true);
  });

  it('ends the CLI with one line and exit 1 when a promise nobody awaits rejects', () => {
    const result = localWithFailingServer({ THROW_AS: 'rejection', THROW_MESSAGE: 'socket hang up' });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('error: socket hang up (run with --verbose for details)\n');
  });
});
