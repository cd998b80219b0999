import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import type { Dependencies } from '../../shared/composition/dependencies';
import { parseProductConfig } from '../../shared/config/product-config';
import { parsePeriod } from '../../shared/domain/period';
import { type LocalMailPipeline, localMailPipeline } from '../../shared/local/deliver-mail';
import { localDependencies } from '../../shared/local/local-dependencies';
import { type LocalRuntime, openLocalRuntime } from '../../shared/local/local-runtime';
import { silentLog } from '../../shared/ports/log';
import { progressState } from './ingest-harness';
import { catalog } from './submitted-workbooks';

/** Who may submit in the mail tests. */
export const SUBMITTERS = {
  OFO: ['ann@ofo.agency.example', 'hq.analyst@agency.example'],
  AMO: ['@amo.agency.example', 'hq.analyst@agency.example'],
  USBP: ['lee@usbp.agency.example'],
};
export const INTAKE = 'submit@agency.example';

export interface MailHarness {
  readonly runtime: LocalRuntime;
  readonly dependencies: Dependencies;
  readonly pipeline: LocalMailPipeline;
  now: Date;
  /** Every .eml in the outbox, oldest first. */
  outbox(): Promise<ParsedMail[]>;
  /** All progress data of every office for the periods the tests use: what a refusal must not change. */
  progress(): Promise<unknown>;
  close(): Promise<void>;
}

/** The real intake and ingest handlers on the embedded servers (in memory), at a clock the test moves. */
export async function openMailHarness(
  options: { config?: Record<string, unknown>; wrap?: (dependencies: Dependencies) => Dependencies } = {},
): Promise<MailHarness> {
  const runtime = await openLocalRuntime();
  const config = parseProductConfig({
    ...options.config,
    mail: {
      sender: 'strategy@agency.example',
      intakeAddress: INTAKE,
      officeSubmitters: SUBMITTERS,
      ...((options.config?.mail as object | undefined) ?? {}),
    },
  });
  const harness = {
    now: new Date('2026-11-05T15:00:00Z'),
  } as MailHarness;
  const clock = { now: () => harness.now };
  const local = localDependencies(runtime, { catalog, config, clock });
  const dependencies = options.wrap ? options.wrap(local) : local;
  return Object.assign(harness, {
    runtime,
    dependencies,
    pipeline: localMailPipeline(dependencies, { log: silentLog }),
    async outbox() {
      const names = (await readdir(runtime.outboxDirectory).catch(() => [] as string[]))
        .filter((name) => name.endsWith('.eml'))
        .sort();
      return Promise.all(
        names.map(async (name) => simpleParser(await readFile(join(runtime.outboxDirectory, name)))),
      );
    },
    async progress() {
      const state: Record<string, unknown> = {};
      for (const office of catalog.offices)
        for (const period of ['2026-09', '2026-10'])
          state[`${office.code} ${period}`] = {
            ...(await progressState(dependencies, office.code, parsePeriod(period))),
            attempts: await dependencies.history.attempts(office.code, parsePeriod(period)),
          };
      return state;
    },
    close: () => runtime.close(),
  });
}

/** The addresses a parsed message was sent to. */
export function recipients(mail: ParsedMail | undefined): string[] {
  const to = mail?.to;
  const objects = to === undefined ? [] : Array.isArray(to) ? to : [to];
  return objects.flatMap((object) => object.value.map((entry) => entry.address ?? ''));
}
