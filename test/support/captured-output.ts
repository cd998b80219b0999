import { vi } from 'vitest';

/**
 * Everything written to stdout and stderr while `work` runs, as JSON lines — how Powertools'
 * Logger and Metrics write in Lambda (each through a Console of its own on process.stdout and
 * process.stderr: errors and warnings go to stderr; CloudWatch Logs collects both). Other output is
 * kept out of the test's own output and returned as text.
 */
export async function capturingOutput<T>(
  work: () => Promise<T>,
): Promise<{ result: T | undefined; error: unknown; lines: Record<string, unknown>[]; other: string[] }> {
  const chunks: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation(capture),
    vi.spyOn(process.stderr, 'write').mockImplementation(capture),
  ];
  let result: T | undefined;
  let error: unknown;
  try {
    result = await work();
  } catch (caught) {
    error = caught;
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  const lines: Record<string, unknown>[] = [];
  const other: string[] = [];
  for (const line of chunks
    .join('')
    .split('\n')
    .filter((each) => each.trim() !== '')) {
    try {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      other.push(line);
    }
  }
  return { result, error, lines, other };
}
