import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../../shared/cli/program';
import { runCli } from '../../../shared/cli/run-cli';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (text: string) => out.push(text), err: (text: string) => err.push(text) }, out, err };
}

describe('runCli', () => {
  it('prints the catalog as a tree with every activity and its offices', async () => {
    const { io, out } = capture();
    expect(await runCli(['catalog'], io)).toBe(0);
    const text = out.join('');
    expect(text).toContain('4 goals, 4 mission areas, 15 objectives, 56 key activities, 6 offices');
    expect(text).toContain('  Mission area: Facilitate Lawful Travel');
    expect(text).toMatch(/ {6}2\.7\.1 \[OFO\] Complete implementation of biometric entry/);
  });

  it('prints the catalog as JSON', async () => {
    const { io, out } = capture();
    expect(await runCli(['catalog', '--json'], io)).toBe(0);
    const view = JSON.parse(out.join(''));
    expect(view.counts).toEqual({ goals: 4, missionAreas: 4, objectives: 15, keyActivities: 56, offices: 6 });
  });

  it('exits 2 with one line naming the file for a bad catalog, and 1-line errors without stack traces', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cli-')), 'bad.json');
    writeFileSync(file, '[]');
    const { io, err } = capture();
    expect(await runCli(['--catalog', file, 'catalog'], io)).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(new RegExp(`^error: ${file}: \\(root\\): .*\\[catalog\\.schema\\]$`));
    expect(err.join('')).not.toContain('    at ');
  });

  it('shows the stack trace of an input error only with --verbose', async () => {
    const { io, err } = capture();
    expect(await runCli(['--verbose', '--catalog', '/no/such/catalog.json', 'catalog'], io)).toBe(2);
    expect(err.join('\n')).toContain('    at ');
  });

  it('exits 2 on a usage mistake and 0 on --help', async () => {
    const usage = capture();
    expect(await runCli(['catalog', '--no-such-flag'], usage.io)).toBe(2);
    expect(usage.err.join('')).toContain("unknown option '--no-such-flag'");
    const help = capture();
    expect(await runCli(['--help'], help.io)).toBe(0);
    expect(help.out.join('')).toContain('Usage: strategy-report');
  });

  it('has --help on every command', async () => {
    for (const command of buildProgram().commands.map((entry) => entry.name())) {
      const { io, out } = capture();
      expect(await runCli([command, '--help'], io), command).toBe(0);
      expect(out.join(''), command).toContain(`Usage: strategy-report ${command}`);
    }
  });
});
