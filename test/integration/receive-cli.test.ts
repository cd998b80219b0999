import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../shared/cli/run-cli';
import { temporaryDataDirectory } from '../support/local-runtime';
import { writeReply } from '../support/reply-mail';
import { templateFor } from '../support/templates';
import { fillWithAnotherProgram } from '../support/xml-filled-workbook';

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function outbox(dataDir: string): Promise<ParsedMail[]> {
  const directory = join(dataDir, 'outbox');
  const names = (await readdir(directory).catch(() => [] as string[]))
    .filter((name) => name.endsWith('.eml'))
    .sort();
  return Promise.all(names.map(async (name) => simpleParser(await readFile(join(directory, name)))));
}

describe('strategy-report receive', () => {
  const dataDir = temporaryDataDirectory('receive');
  const work = temporaryDataDirectory('receive-files');
  const config = join(work, 'config.json');
  const global = () => ['--data-dir', dataDir, '--config', config];

  beforeAll(async () => {
    await writeFile(
      config,
      JSON.stringify({
        mail: {
          sender: 'strategy@agency.example',
          intakeAddress: 'submit@agency.example',
          officeSubmitters: { OFO: ['ann.lead@ofo.agency.example'], AMO: ['@amo.agency.example'] },
        },
      }),
    );
  });

  it('a template filled in by another program, attached to a reply written by another mail library, is accepted in a threaded answer and shows in status', async () => {
    const templateFile = join(work, 'OFO-2026-10.xlsx');
    const made = await cli([
      ...global(),
      'template',
      '--office',
      'OFO',
      '--period',
      '2026-10',
      '--out',
      templateFile,
    ]);
    expect(made.code, made.err).toBe(0);
    const filled = await fillWithAnotherProgram(await readFile(templateFile), (row) => ({
      status: 'On Track',
      percentComplete: 30 + row,
      accomplishments: `Row ${row} moved forward.`,
    }));
    const eml = join(work, 'reply.eml');
    await writeFile(
      eml,
      writeReply({
        from: 'Ann Lead <ann.lead@ofo.agency.example>',
        to: 'submit@agency.example',
        subject: 'RE: OFO progress workbook for 2026-10: please reply by 2026-11-10',
        messageId: '<first-reply@ofo.agency.example>',
        inReplyTo: '<open-period@agency.example>',
        references: ['<open-period@agency.example>'],
        attachments: [{ filename: 'OFO-2026-10.xlsx', content: filled }],
      }),
    );

    const received = await cli([...global(), 'receive', eml, '--json']);
    expect(received.code, received.err).toBe(0);
    const summary = JSON.parse(received.out);
    expect(summary).toMatchObject({
      message: { status: 'submitted', sender: 'ann.lead@ofo.agency.example', offices: ['OFO'] },
      workbooks: [
        {
          file: 'OFO-2026-10.xlsx',
          office: 'OFO',
          period: '2026-10',
          outcome: { kind: 'accepted', revision: 1 },
        },
      ],
      answer: { state: 'sent', to: ['ann.lead@ofo.agency.example'] },
      allAccepted: true,
    });

    const [answer, ...others] = await outbox(dataDir);
    expect(others).toHaveLength(0);
    expect(
      answer?.to && 'value' in answer.to ? answer.to.value.map((address) => address.address) : [],
    ).toEqual(['ann.lead@ofo.agency.example']);
    expect(answer?.subject).toBe('RE: OFO progress workbook for 2026-10: please reply by 2026-11-10');
    expect(answer?.inReplyTo).toBe('<first-reply@ofo.agency.example>');
    expect(answer?.references).toEqual(['<open-period@agency.example>', '<first-reply@ofo.agency.example>']);
    expect(answer?.headers.get('auto-submitted')).toBe('auto-replied');
    expect(answer?.replyTo?.value[0]?.address).toBe('submit@agency.example');
    expect(answer?.text).toContain('Your workbook was received and accepted.');
    expect(answer?.text).toContain('OFO 2026-10 is now revision 1');
    expect(answer?.text).not.toMatch(/uploads\/|bucket|inbound\//);

    const status = await cli([...global(), 'status', '--period', '2026-10', '--json']);
    const ofo = JSON.parse(status.out).offices.find((office: { office: string }) => office.office === 'OFO');
    expect(ofo).toMatchObject({ submitted: true, revision: 1, uploader: 'ann.lead@ofo.agency.example' });
  });

  it('exits 2 with no answer when the sender is not listed, and nothing is stored for the office', async () => {
    const eml = join(work, 'forged.eml');
    await writeFile(
      eml,
      writeReply({
        from: 'mallory@elsewhere.example',
        to: 'submit@agency.example',
        subject: 'workbook',
        attachments: [{ filename: 'AMO-2026-10.xlsx', content: await templateFor('AMO', '2026-10') }],
      }),
    );
    const before = (await outbox(dataDir)).length;
    const received = await cli([...global(), 'receive', eml]);
    expect(received.code).toBe(2);
    expect(received.out).toContain('refused: message');
    expect(received.err).toContain('[mail.sender-not-listed]');
    expect(await outbox(dataDir)).toHaveLength(before);
    const status = await cli([...global(), 'status', '--period', '2026-10', '--json']);
    expect(
      JSON.parse(status.out).offices.find((office: { office: string }) => office.office === 'AMO'),
    ).toMatchObject({
      submitted: false,
      attempts: 0,
    });
  });
});
