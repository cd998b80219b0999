import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, freshCliBuild, REPOSITORY_ROOT } from '../../../bin/cli-build.js';

/** A repository of two source files and a build that recorded them. */
function fakeRepository() {
  const root = mkdtempSync(join(tmpdir(), 'cli-build-'));
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'a.ts'), 'export const a = 1;\n');
  writeFileSync(join(root, 'src', 'b.ts'), 'export const b = 2;\n');
  const directory = join(root, 'dist');
  mkdirSync(directory);
  const record = () => {
    const inputs: Record<string, { size: number; mtimeMs: number }> = {};
    for (const file of ['src/a.ts', 'src/b.ts']) {
      const { size, mtimeMs } = statSync(join(root, file));
      inputs[file] = { size, mtimeMs };
    }
    writeFileSync(
      join(directory, 'build-info.json'),
      JSON.stringify({ format: 1, entry: 'main.js', inputs }),
    );
  };
  return { root, directory, record };
}

describe('the compiled CLI is used only while it is fresh', () => {
  it('is fresh when every source file it recorded is unchanged', () => {
    const repository = fakeRepository();
    repository.record();
    const state = freshCliBuild(repository);
    expect(state).toEqual({ fresh: true, entry: expect.stringMatching(/^file:.*\/dist\/main\.js$/) });
  });

  it('is stale when a source file changed, even to the same size, or is gone, or nothing was built', () => {
    const repository = fakeRepository();
    expect(freshCliBuild(repository)).toEqual({ fresh: false, reason: 'dist is not built' });
    repository.record();
    writeFileSync(join(repository.root, 'src', 'a.ts'), 'export const a = 7;\n');
    utimesSync(join(repository.root, 'src', 'a.ts'), new Date(), new Date(Date.now() + 5_000));
    expect(freshCliBuild(repository)).toEqual({ fresh: false, reason: 'src/a.ts changed since the build' });
    repository.record();
    rmSync(join(repository.root, 'src', 'b.ts'));
    expect(freshCliBuild(repository)).toEqual({ fresh: false, reason: 'src/b.ts is gone since the build' });
  });

  it('is stale when the build record is of another format', () => {
    const repository = fakeRepository();
    writeFileSync(join(repository.directory, 'build-info.json'), JSON.stringify({ format: 0 }));
    expect(freshCliBuild(repository)).toMatchObject({
      fresh: false,
      reason: expect.stringContaining('another version'),
    });
  });
});

/** What a registration may use besides shared/cli itself: modules with no package behind them. */
const LIGHT_HELPERS = [
  'shared/domain/errors.ts',
  'shared/domain/period.ts',
  'shared/domain/report/report-files.ts',
  'shared/local/data-directory-busy-error.ts',
  'shared/local/data-directory-wait.ts',
];

describe('the CLI build', () => {
  // Inside the repository (dist/ is ignored), so the chunks find node_modules as dist/cli does.
  const directory = join(REPOSITORY_ROOT, 'dist', `cli-test-${process.pid}`);
  let build: Awaited<ReturnType<typeof buildCli>>;
  beforeAll(async () => {
    build = await buildCli({ directory });
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('loads only commander and the registrations to start: every action is a chunk of its own', () => {
    const outputs = build.metafile.outputs;
    const entry = Object.keys(outputs).find(
      (name) => outputs[name]?.entryPoint === 'shared/cli/main.ts',
    ) as string;
    const sources = new Set<string>();
    const packages = new Set<string>();
    const visit = (name: string, seen = new Set<string>()) => {
      if (seen.has(name)) return;
      seen.add(name);
      const output = outputs[name];
      if (!output) return;
      for (const input of Object.keys(output.inputs)) sources.add(input);
      for (const imported of output.imports) {
        if (imported.kind === 'dynamic-import') continue;
        if (imported.external) packages.add(imported.path);
        else visit(imported.path, seen);
      }
    };
    visit(entry);
    expect([...packages].filter((name) => !name.startsWith('node:'))).toEqual(['commander']);
    const heavy = [...sources].filter(
      (source) =>
        !/^shared\/cli\/(commands\/[a-z-]+-command|[a-z-]+)\.ts$/.test(source) &&
        !LIGHT_HELPERS.includes(source),
    );
    expect(heavy).toEqual([]);
    expect([...sources].filter((source) => source.endsWith('-action.ts'))).toEqual([]);
    expect([...sources]).not.toContain('shared/cli/command-dependencies.ts');
  });

  it('runs: the built catalog --json is what the sources print', () => {
    const built = execFileSync(process.execPath, [join(directory, 'main.js'), 'catalog', '--json'], {
      cwd: REPOSITORY_ROOT,
      encoding: 'utf8',
    });
    const view = JSON.parse(built);
    expect(view.counts).toEqual({ goals: 4, missionAreas: 4, objectives: 15, keyActivities: 56, offices: 6 });
    expect(freshCliBuild({ directory })).toMatchObject({ fresh: true });
  });
});
