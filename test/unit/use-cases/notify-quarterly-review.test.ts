import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../shared/domain/errors';
import type { QuarterKey } from '../../../shared/domain/report/report-period';
import { notifyQuarterlyReview } from '../../../shared/use-cases/notify-quarterly-review';
import { renderQuarterlyReview } from '../../../shared/use-cases/render-quarterly-review';
import { inMemoryDependencies } from '../../support/fakes/in-memory-dependencies';
import { TEST_SOFTWARE_VERSION } from '../../support/fakes/report-scenarios';
import { tinyPackRenderer } from '../../support/fakes/tiny-pack-renderer';
import { quarterlyReviewScenario, SCENARIO_QUARTER } from '../../support/quarterly-review-scenario';

const request = (quarter: string) => ({
  quarter: quarter as QuarterKey,
  sender: 'brief@agency.example',
  recipients: ['chief@agency.example'],
});

describe('notifyQuarterlyReview', () => {
  it('mails the latest pack once per version: the PDF and HTML attached as stored, the workbook too', async () => {
    const deps = await quarterlyReviewScenario();
    const quarter = SCENARIO_QUARTER;
    const rendered = await renderQuarterlyReview(
      { ...deps, packRenderer: tinyPackRenderer },
      { quarter, config: deps.config, softwareVersion: TEST_SOFTWARE_VERSION },
    );
    const key = rendered.quarter;
    const sent = await notifyQuarterlyReview(deps, request(key));
    expect(sent).toMatchObject({ kind: 'sent', workbook: 'attached', record: { period: key, version: 1 } });
    const [message] = deps.mail.sent;
    expect(message?.to).toEqual(['chief@agency.example']);
    expect(message?.subject).toMatch(
      new RegExp(`^Quarterly performance review, ${key}: \\d+ goals? at High risk`),
    );
    expect(message?.subject).not.toMatch(/[\r\n]/);
    expect(message?.attachments?.map((attachment) => attachment.filename)).toEqual([
      `quarterly-review-${key}-v0001.pdf`,
      `quarterly-review-${key}-v0001.html`,
      `quarterly-review-${key}-v0001.xlsx`,
    ]);
    const stored = (name: string) =>
      deps.reportObjects.get(rendered.record.files.find((file) => file.name === name)?.key as string);
    expect(message?.attachments?.[0]?.content).toEqual(await stored('review.pdf'));
    expect(message?.attachments?.[1]?.content).toEqual(await stored('review.html'));
    expect(message?.text).toContain(`strategy-report reports verify ${key}`);

    const again = await notifyQuarterlyReview(deps, request(key));
    expect(again).toMatchObject({ kind: 'already-sent', messageId: sent.messageId });
    expect(deps.mail.sent).toHaveLength(1);
  });

  it('gives the delivery back when the mail service refuses, so the next run sends it', async () => {
    const deps = await quarterlyReviewScenario();
    const quarter = SCENARIO_QUARTER;
    const { quarter: key } = await renderQuarterlyReview(
      { ...deps, packRenderer: tinyPackRenderer },
      { quarter, config: deps.config, softwareVersion: TEST_SOFTWARE_VERSION },
    );
    deps.mail.failNext();
    await expect(notifyQuarterlyReview(deps, request(key))).rejects.toThrow('SES refused the message');
    expect(await notifyQuarterlyReview(deps, request(key))).toMatchObject({ kind: 'sent' });
    expect(deps.mail.sent).toHaveLength(1);
  });

  it('says to render the pack first when the quarter has none', async () => {
    const deps = inMemoryDependencies();
    await expect(notifyQuarterlyReview(deps, request('FY2027-Q1'))).rejects.toBeInstanceOf(NotFoundError);
    await expect(notifyQuarterlyReview(deps, request('FY2027-Q1'))).rejects.toThrow(
      'run `strategy-report review --quarter FY2027-Q1` first',
    );
  });
});
