import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../shared/catalog/default-catalog';
import type { Dependencies } from '../../shared/composition/dependencies';
import { parseProductConfig } from '../../shared/config/product-config';
import { parsePeriod } from '../../shared/domain/period';
import { createNotifyHandler } from '../../shared/entries/notify-entry';
import { createRenderHandler, runRender } from '../../shared/entries/render-entry';
import { localDependencies } from '../../shared/local/local-dependencies';
import { type LocalRuntime, openLocalRuntime } from '../../shared/local/local-runtime';
import { notifyLeadership } from '../../shared/use-cases/notify-leadership';
import { loadSnapshot, storeSnapshot } from '../../shared/use-cases/snapshot-storage';
import { NASTY_TEXT, populatedSnapshot } from '../support/populated-snapshot';
import { tinyRenderer } from '../support/report-fakes';

const now = new Date('2026-11-06T14:00:00Z');
const clock = { now: () => now };

describe('the notify function on the embedded servers', () => {
  let runtime: LocalRuntime;
  let deps: Dependencies;
  const messages = () =>
    readdirSync(runtime.outboxDirectory)
      .filter((name) => name.endsWith('.eml'))
      .sort()
      .map((name) => readFileSync(join(runtime.outboxDirectory, name)));

  beforeAll(async () => {
    runtime = await openLocalRuntime();
    deps = localDependencies(runtime, {
      catalog: defaultCatalog(),
      config: parseProductConfig({
        mail: {
          sender: 'brief@agency.example',
          leadership: ['deputy@agency.example', 'chief@agency.example'],
        },
        markingBanner: 'CUI\r\nBcc: victim@attacker.example',
      }),
      clock,
    });
    const hostile = populatedSnapshot({ period: parsePeriod('2026-10') });
    await storeSnapshot(
      deps,
      {
        ...hostile,
        catalog: { ...hostile.catalog, title: 'Strategy\r\nBcc: victim@attacker.example\r\nX-Evil: 1' },
        offices: hostile.offices.map((office) =>
          office.code === 'ES' ? { ...office, name: `Enterprise\r\nCc: other@attacker.example` } : office,
        ),
      },
      new Date('2026-11-05T12:00:00Z'),
    );
    await createRenderHandler(deps)({ period: '2026-10' });
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('mails leadership a valid MIME message with the headline, changes, top risks and the PDF and workbook byte for byte', async () => {
    const result = await createNotifyHandler(deps)({ period: '2026-10' });
    expect(result).toMatchObject({
      outcome: 'sent',
      version: 1,
      recipients: ['deputy@agency.example', 'chief@agency.example'],
      workbook: 'attached',
    });
    const [raw] = messages();
    const mail = await simpleParser(raw as Buffer);
    expect(mail.from?.text).toBe('brief@agency.example');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((address) => address.address) : []).toEqual(
      ['deputy@agency.example', 'chief@agency.example'],
    );
    expect(mail.subject).toBe(
      'CUI Bcc: victim@attacker.example: Strategy status brief 2026-10: At Risk, 5 of 6 offices reported',
    );
    expect(mail.text).toContain('5 of 6 offices reported');
    expect(mail.text).toContain('WHAT CHANGED');
    expect(mail.text).toContain('TOP RISKS (5 of');
    expect(mail.html).toContain('<h2 style="font-size:16px">Headline</h2>');

    const record = await deps.reportIndex.latest(parsePeriod('2026-10'));
    const pdf = await deps.reportObjects.get(record?.files[0]?.key ?? '');
    const workbook = await deps.reportObjects.get(record?.files[1]?.key ?? '');
    const html = await deps.reportObjects.get(record?.files[2]?.key ?? '');
    expect(mail.attachments.map((attachment) => [attachment.filename, attachment.contentType])).toEqual([
      ['strategy-brief-2026-10-v0001.pdf', 'application/pdf'],
      ['strategy-brief-2026-10-v0001.html', 'text/html'],
      [
        'strategy-workbook-2026-10-v0001.xlsx',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ],
    ]);
    expect(mail.attachments[0]?.content.equals(pdf)).toBe(true);
    expect(mail.attachments[1]?.content.equals(html)).toBe(true);
    expect(mail.attachments[2]?.content.equals(workbook)).toBe(true);
    expect(mail.text).toContain(
      'strategy-brief-2026-10-v0001.html is the accessible version of the brief: the same content as one web page, for screen readers and small screens',
    );
    expect(mail.text).not.toContain('This replaces');
  });

  it('lets no data-derived text add a header', async () => {
    const [raw] = messages();
    const mail = await simpleParser(raw as Buffer);
    expect(mail.headers.has('bcc')).toBe(false);
    expect(mail.headers.has('cc')).toBe(false);
    expect(mail.headers.has('x-evil')).toBe(false);
    const head = (raw as Buffer).toString('utf8').split(/\r?\n\r?\n/)[0] ?? '';
    expect(head).not.toMatch(/^(Bcc|Cc|X-Evil):/im);
    expect(mail.text).not.toMatch(/^Bcc:/m);
    expect(mail.text).toContain('Not reported: Enterprise Cc: other@attacker.example (ES).');
    expect(mail.text).not.toContain(NASTY_TEXT.headerInjection);
  });

  it('mails a report version once: a repeated run sends nothing', async () => {
    const again = await createNotifyHandler(deps)({ period: '2026-10' });
    expect(again).toMatchObject({ outcome: 'already-sent', version: 1, sentAt: now.toISOString() });
    expect(messages()).toHaveLength(1);
  });

  it('mails a new report version, and links the workbook when it is over the attachment limit', async () => {
    await runRender(deps, { period: parsePeriod('2026-10'), force: true }, tinyRenderer);
    const outcome = await notifyLeadership(
      { ...deps, clock },
      {
        period: parsePeriod('2026-10'),
        sender: 'brief@agency.example',
        recipients: ['deputy@agency.example'],
        workbookAttachmentLimitBytes: 10,
      },
    );
    expect(outcome).toMatchObject({ kind: 'sent', workbook: 'linked' });
    const mail = await simpleParser(messages()[1] as Buffer);
    expect(mail.attachments.map((attachment) => attachment.filename)).toEqual([
      'strategy-brief-2026-10-v0002.pdf',
      'strategy-brief-2026-10-v0002.html',
    ]);
    expect(mail.subject).toContain('Strategy status brief 2026-10 version 2 (replaces version 1)');
    expect(mail.text).toContain(
      'This replaces version 1 of the October 2026 brief, issued on 6 November 2026. Since then: no submission changed; the same data was rendered again.',
    );
    const url = /download it here: (\S+)/.exec(mail.text ?? '')?.[1];
    expect(mail.text).toContain('The link works until 2026-11-13T14:00:00.000Z at the latest');
    expect(url).toContain('reports/2026-10/v0002/workbook.xlsx');
    const download = await fetch(url as string);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).toString()).toContain('workbook.xlsx of 2026-10');
  });

  it('mails a version made after a late submission saying, in its first line, which version it replaces, when, and whose submission changed', async () => {
    const stored = await deps.snapshotIndex.latest(parsePeriod('2026-10'));
    const snapshot = await loadSnapshot(deps.reportObjects, stored as NonNullable<typeof stored>);
    await storeSnapshot(
      deps,
      {
        ...snapshot,
        inputHash: 'f'.repeat(64),
        inputs: snapshot.inputs.map((input) =>
          input.office === 'AMO'
            ? { ...input, revision: 3, submissionId: 'sub-amo-2026-10-r3', sha256: 'e'.repeat(64) }
            : input,
        ),
      },
      new Date('2026-11-07T09:00:00Z'),
    );
    const rendered = await createRenderHandler(deps, tinyRenderer)({ period: '2026-10' });
    expect(rendered).toMatchObject({ outcome: 'rendered', version: 3 });
    expect(await createNotifyHandler(deps)({ period: '2026-10' })).toMatchObject({
      outcome: 'sent',
      version: 3,
    });

    const mail = await simpleParser(messages()[2] as Buffer);
    expect(mail.subject).toBe(
      'CUI Bcc: victim@attacker.example: Strategy status brief 2026-10 version 3 (replaces version 2): At Risk, 5 of 6 offices reported',
    );
    const lines = (mail.text ?? '').split('\n');
    // After the marking banner (and the blank line under it), the first line says what this replaces and why.
    expect(lines[2]).toBe(
      'This replaces version 2 of the October 2026 brief, issued on 6 November 2026. Since then: Air and Marine Operations (AMO) sent revision 3 (replacing revision 2).',
    );
    expect(mail.html).toContain('This replaces version 2 of the October 2026 brief');
  });

  it('says there is nothing to mail for a period with no report', async () => {
    await expect(createNotifyHandler(deps)({ period: '2026-01' })).rejects.toThrow(
      'no report for 2026-01: run `strategy-report render --period 2026-01` first',
    );
  });
});
