import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../shared/cli/run-cli';
import { openLocalRuntime } from '../../shared/local/local-runtime';
import { temporaryDataDirectory } from '../support/local-runtime';
import { type BinResult, runBin, runBinAsync, startBin } from '../support/run-bin';
import { fillTemplate } from '../support/workbooks';

const OFFICES = ['OFO', 'USBP', 'AMO'] as const;
const files = new Map<string, string>();

const BUSY = (directory: string, seconds: number) =>
  new RegExp(
    `^error: the data directory ${directory} is in use by (process \\d+ \\(strategy-report [a-z -]+, since [0-9T:.Z-]+\\)|another process); waited ${seconds} s\\. Run \`strategy-report serve --data-dir ${directory}\` so commands share it, wait for that process to finish, or use another --data-dir\\n$`,
  );
const ACCEPTED = (office: string) => new RegExp(`^accepted: ${office} 2026-10 revision 1, \\d+ rows `);
const noStackTrace = (result: BinResult) =>
  expect(`${result.stdout}${result.stderr}`).not.toMatch(/\n\s+at /);

function submit(dataDir: string, office: string, wait: number) {
  return runBinAsync(['--data-dir', dataDir, '--wait', String(wait), 'submit', files.get(office) as string]);
}

async function submittedOffices(dataDir: string): Promise<string[]> {
  const out: string[] = [];
  const code = await runCli(['--data-dir', dataDir, 'status', '--period', '2026-10', '--json'], {
    out: (text) => out.push(text),
    err: () => undefined,
  });
  expect(code).toBe(0);
  const status = JSON.parse(out.join('')) as { offices: { office: string; submitted: boolean }[] };
  return status.offices.filter((office) => office.submitted).map((office) => office.office);
}

beforeAll(async () => {
  const work = temporaryDataDirectory('sharing-files');
  for (const office of OFFICES) {
    const template = join(work, `${office}.xlsx`);
    const code = await runCli(
      ['--data-dir', work, 'template', '--office', office, '--period', '2026-10', '--out', template],
      { out: () => undefined, err: () => undefined },
    );
    expect(code).toBe(0);
    const filled = join(work, `${office}-filled.xlsx`);
    writeFileSync(filled, await fillTemplate(readFileSync(template)));
    files.set(office, filled);
  }
});

describe('commands side by side on one data directory, without serve', () => {
  it('three submits at once: each is accepted or says in one line that the directory is busy; the busy ones are accepted on retry', async () => {
    const dataDir = temporaryDataDirectory('three-at-once');
    const results = await Promise.all(OFFICES.map((office) => submit(dataDir, office, 1)));
    const busy: string[] = [];
    results.forEach((result, index) => {
      const office = OFFICES[index] as string;
      noStackTrace(result);
      if (result.status === 0) expect(result.stdout).toMatch(ACCEPTED(office));
      else {
        expect(result.status).toBe(1);
        expect(result.stderr).toMatch(BUSY(dataDir, 1));
        busy.push(office);
      }
    });
    expect(busy.length).toBeLessThan(OFFICES.length);
    for (const office of busy) {
      const retry = await submit(dataDir, office, 30);
      expect(retry.status, retry.stderr).toBe(0);
      expect(retry.stdout).toMatch(ACCEPTED(office));
    }
    expect((await submittedOffices(dataDir)).sort()).toEqual([...OFFICES].sort());
  });

  it('a directory held by a live process: after the wait, one line naming that process; then the command goes through', async () => {
    const dataDir = temporaryDataDirectory('held');
    const holder = await openLocalRuntime({ dataDirectory: dataDir, command: 'holder-in-a-test' });
    let result: BinResult;
    try {
      result = await submit(dataDir, 'OFO', 1);
    } finally {
      await holder.close();
    }
    // That it waited before this line is shown without a clock in test/unit/local/claim-data-directory.test.ts.
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(BUSY(dataDir, 1));
    expect(result.stderr).toContain(
      `in use by process ${process.pid} (strategy-report holder-in-a-test, since `,
    );
    expect(result.stdout).toBe('');
    const retry = await submit(dataDir, 'OFO', 0);
    expect(retry.status, retry.stderr).toBe(0);
  });

  it('a lock left by a killed process is taken over at once, its stale record replaced', async () => {
    const dataDir = temporaryDataDirectory('killed');
    const serve = startBin(['--data-dir', dataDir, 'serve']);
    await serve.line(/^serving /);
    serve.child.kill('SIGKILL');
    await serve.exited;
    // The dead process's record is still there, naming servers that no longer answer.
    const stale = JSON.parse(readFileSync(join(dataDir, 'owner.json'), 'utf8'));
    expect(stale).toMatchObject({ pid: serve.child.pid, command: 'serve' });

    const result = await submit(dataDir, 'USBP', 0);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(ACCEPTED('USBP'));
    expect(existsSync(join(dataDir, 'owner.json'))).toBe(false);
  });
});

describe('strategy-report serve', () => {
  it('keeps the stores up: three submits at once all use it, none waits; Ctrl-C stops it cleanly with the data kept', async () => {
    const dataDir = temporaryDataDirectory('served');
    const serve = startBin(['--data-dir', dataDir, 'serve']);
    try {
      const ready = await serve.line(/^serving /);
      expect(ready).toMatch(
        new RegExp(
          `^serving ${dataDir} \\(process ${serve.child.pid}\\): DynamoDB http://127\\.0\\.0\\.1:\\d+, S3 http://127\\.0\\.0\\.1:\\d+, outbox ${dataDir}/outbox`,
        ),
      );
      expect(JSON.parse(readFileSync(join(dataDir, 'owner.json'), 'utf8'))).toMatchObject({
        pid: serve.child.pid,
        command: 'serve',
        serving: { endpoints: { dynamodb: expect.stringMatching(/^http:\/\/127\.0\.0\.1:/) } },
      });

      // --wait 0: had any of them needed the directory to itself, it would have failed at once.
      const results = await Promise.all(OFFICES.map((office) => submit(dataDir, office, 0)));
      results.forEach((result, index) => {
        expect(result.status, result.stderr).toBe(0);
        expect(result.stdout).toMatch(ACCEPTED(OFFICES[index] as string));
      });
      const local = runBin(['--data-dir', dataDir, '--wait', '0', 'local', '--json']);
      expect(JSON.parse(local.stdout).servedBy).toMatchObject({ pid: serve.child.pid });

      const second = runBin(['--data-dir', dataDir, '--wait', '0', 'serve']);
      expect(second.status).toBe(1);
      expect(second.stderr).toMatch(
        new RegExp(`^error: the data directory ${dataDir} is already served by process ${serve.child.pid} `),
      );
      expect(second.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      serve.child.kill('SIGINT');
    }
    const stopped = await serve.exited;
    expect(stopped.status).toBe(0);
    expect(stopped.stdout).toContain(`stopped: ${dataDir} is flushed and free`);
    expect(stopped.stderr).toBe('');
    expect(existsSync(join(dataDir, 'owner.json'))).toBe(false);
    // Everything the three stored is there for the next command, which runs on its own.
    expect((await submittedOffices(dataDir)).sort()).toEqual([...OFFICES].sort());
  });
});
