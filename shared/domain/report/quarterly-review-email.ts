import { sanitizeHeaderText } from '../mail-text';
import type { QuarterlyReviewModel } from '../review/quarterly-review-model';
import { levelLabel, packTitle, progressText, quarterMonths, riskText } from '../review/review-wording';
import { unchangedSentence } from '../review/unchanged-count';
import { formatPercent } from './display-format';
import { emailHtmlText, emailLine } from './email-text';

export interface QuarterlyReviewEmailInput {
  readonly model: QuarterlyReviewModel;
  readonly packVersion: number;
  readonly manifestKey: string;
  /** Set when the workbook was too large to attach: where to download it and until when. */
  readonly workbookLink?: { readonly url: string; readonly expiresAt: string; readonly size: number };
  readonly attachmentNames: { readonly pdf: string; readonly html: string; readonly workbook: string };
}

export interface QuarterlyReviewEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const oneLine = emailLine;
const escapeHtml = emailHtmlText;

/**
 * The e-mail that carries a quarter's review pack to leadership: the quarter, the agency's
 * progress, how many goals are in each risk category and each goal's line, how far the data can be
 * trusted, and what is attached, in text and HTML from the same model as the pack (so the same
 * figures). Everything from data is made one-line and escaped; the subject is sanitised here and
 * again by the MIME composer.
 */
export function quarterlyReviewEmail(input: QuarterlyReviewEmailInput): QuarterlyReviewEmail {
  const { model } = input;
  const counts = model.riskCounts;
  const version = input.packVersion > 1 ? ` version ${input.packVersion}` : '';
  const subject = sanitizeHeaderText(
    `${packTitle(model.quarter)}${version}: ${counts.High} goal${counts.High === 1 ? '' : 's'} at High risk, ${counts.Medium} Medium, ${counts.Low} Low`,
    200,
  );
  const sections = emailSections(input);
  return { subject, text: emailText(sections), html: emailHtml(sections) };
}

interface EmailSections {
  readonly title: string;
  readonly summary: readonly string[];
  readonly goals: readonly string[];
  readonly attachments: readonly string[];
  readonly stored: string;
}

function emailSections(input: QuarterlyReviewEmailInput): EmailSections {
  const { model } = input;
  const missing =
    model.monthsWithoutData.length > 0 ? `; no snapshot for ${model.monthsWithoutData.join(', ')}` : '';
  const summary = [
    `Agency progress: ${formatPercent(model.agency.startPercent)} to ${formatPercent(model.agency.endPercent)} (${model.agency.endStatus}).`,
    `Risk: ${model.riskCounts.High} High, ${model.riskCounts.Medium} Medium, ${model.riskCounts.Low} Low.`,
    // The unchanged sentence ends with its own full stop.
    `Data: ${model.dataQuality.overall} (GAO terms). ${unchangedSentence(model.agency.unchanged)}`,
    `Months: ${model.monthsWithData.join(', ')}${missing}.`,
  ];
  const goals = model.goals.map(
    (goal) =>
      `${oneLine(levelLabel(goal), 120)}: ${progressText(goal)}; risk ${oneLine(riskText(goal), 160)}`,
  );
  const attachments = [
    `${input.attachmentNames.pdf} (the pack, tagged PDF)`,
    `${input.attachmentNames.html} (the same pack, accessible HTML)`,
    input.workbookLink
      ? `the workbook is too large to attach (${input.workbookLink.size} bytes): ${input.workbookLink.url} (until ${input.workbookLink.expiresAt})`
      : `${input.attachmentNames.workbook} (the figures, as a workbook)`,
  ];
  return {
    title: `${packTitle(model.quarter)}: ${quarterMonths(model.quarter)}`,
    summary,
    goals,
    attachments,
    stored: `Stored as version ${input.packVersion} in the report chain (${input.manifestKey}); check it with strategy-report reports verify ${model.quarter.label}.`,
  };
}

function emailText(sections: EmailSections): string {
  return [
    oneLine(sections.title, 200),
    '',
    ...sections.summary.map((line) => oneLine(line, 300)),
    '',
    'Goals:',
    ...sections.goals.map((line) => `- ${line}`),
    '',
    'Attached:',
    ...sections.attachments.map((line) => `- ${oneLine(line, 400)}`),
    '',
    oneLine(sections.stored, 400),
    '',
  ].join('\n');
}

function emailHtml(sections: EmailSections): string {
  const list = (items: readonly string[]) =>
    `<ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
  return [
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(sections.title)}</title></head><body>`,
    `<h1>${escapeHtml(sections.title)}</h1>`,
    ...sections.summary.map((line) => `<p>${escapeHtml(line)}</p>`),
    '<h2>Goals</h2>',
    list(sections.goals),
    '<h2>Attached</h2>',
    list(sections.attachments),
    `<p>${escapeHtml(sections.stored)}</p>`,
    '</body></html>',
  ].join('\n');
}
