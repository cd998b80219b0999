import { sanitizeHeaderText } from '../mail-text';
import { supersedesNotice } from './brief-wording';
import { formatLongDate, formatPercent, formatPointChange } from './display-format';
import { emailHtmlText, emailLine } from './email-text';
import { officeLabel, type ReportModel } from './report-model';

export interface LeadershipEmailInput {
  readonly model: ReportModel;
  readonly reportVersion: number;
  readonly manifestKey: string;
  /** Set when the workbook was too large to attach: where to download it and until when. */
  readonly workbookLink?: { readonly url: string; readonly expiresAt: string; readonly size: number };
  /** The files attached: the PDF brief, its accessible HTML twin and (unless linked) the workbook. */
  readonly attachmentNames: { readonly pdf: string; readonly html: string; readonly workbook: string };
}

export interface LeadershipEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** How much of a narrative the e-mail quotes (the brief has it whole). */
const NARRATIVE = 200;

const oneLine = emailLine;
const escapeHtml = emailHtmlText;

/**
 * The monthly e-mail to leadership: the headline numbers, what changed and the top risks, in text
 * and HTML, from the same model as the brief (so the same figures). A version that replaces an
 * earlier one says so, and why, in its subject and first lines. Everything from data is made
 * one-line and escaped; the subject is sanitised here and again by the MIME composer.
 */
export function leadershipEmail(input: LeadershipEmailInput): LeadershipEmail {
  const content = emailContent(input);
  const replaces = input.model.supersedes
    ? ` version ${input.reportVersion} (replaces version ${input.model.supersedes.version})`
    : '';
  const subject = sanitizeHeaderText(
    `${content.banner ? `${content.banner}: ` : ''}Strategy status brief ${input.model.period}${replaces}: ${input.model.agency.status}, ${input.model.offices.text}`,
    200,
  );
  return { subject, text: emailText(content), html: emailHtml(content) };
}

/** What both the text and the HTML body say, in order. */
interface EmailContent {
  readonly banner: string | undefined;
  /** Why this e-mail follows an earlier one for the same period; absent for a first version. */
  readonly replaces: string | undefined;
  readonly title: string;
  readonly generated: string;
  readonly headline: readonly string[];
  readonly goals: readonly string[];
  readonly changes: readonly string[];
  readonly risks: readonly string[];
  readonly risksHeading: string;
  readonly attachments: readonly string[];
  readonly stored: string;
}

function emailContent(input: LeadershipEmailInput): EmailContent {
  const { model } = input;
  const agency = model.agency;
  const previous = model.snapshot.previous?.period;
  const risks = model.executiveSummary.topRisks.map(
    (entry) =>
      `${entry.activityId} (${entry.office}) ${entry.status}, ${formatPercent(entry.percentComplete)} complete: ${oneLine(entry.risksAndIssues ?? entry.reasons.join('; '), NARRATIVE)}`,
  );
  const notice = supersedesNotice(model);
  return {
    banner: model.markingBanner ? oneLine(model.markingBanner, 80) : undefined,
    replaces: notice ? oneLine(notice, 1000) : undefined,
    title: `${model.catalog.title}: status brief for ${model.periodLabel} (${model.period})`,
    generated: `Generated ${formatLongDate(model.generatedOn)} from rollup snapshot version ${model.snapshot.version}; catalog ${oneLine(model.catalog.id, 80)} version ${oneLine(model.catalog.version, 40)}.`,
    headline: [
      `Overall status ${agency.status}, ${formatPercent(agency.percentComplete)} complete${previous && agency.change.percentDelta !== null ? ` (${formatPointChange(agency.change.percentDelta)} since ${previous})` : ''}.`,
      `${model.offices.text}; ${agency.reported} of ${agency.expected} entries reported, ${agency.carriedForward} carried forward, ${agency.missing} missing.`,
      ...(model.missing.offices.length > 0
        ? [`Not reported: ${model.missing.offices.map(officeLabel).join('; ')}.`]
        : []),
    ].map((line) => oneLine(line, 600)),
    goals: model.goalLines
      .map(
        (line) =>
          `${line.label}: ${line.summary.status}, ${formatPercent(line.summary.percentComplete)} (${formatPointChange(line.summary.change.percentDelta)})`,
      )
      .map((line) => oneLine(line, 300)),
    changes: model.executiveSummary.changes.map((change) => oneLine(change, 400)),
    risks,
    risksHeading: `${risks.length} of ${model.atRisk.length}`,
    attachments: attachmentLines(input),
    stored: `The report is stored as version ${input.reportVersion} with its manifest (${input.manifestKey}).`,
  };
}

/** What is attached (the HTML brief named as the accessible version), or where to download the workbook when it is too large to attach. */
function attachmentLines(input: LeadershipEmailInput): string[] {
  const { pdf, html, workbook } = input.attachmentNames;
  const accessible = `${html} is the accessible version of the brief: the same content as one web page, for screen readers and small screens (open it in any browser).`;
  if (!input.workbookLink)
    return [`Attached: ${pdf} (the brief), ${html} and ${workbook} (every figure).`, accessible];
  return [
    `Attached: ${pdf} (the brief) and ${html}.`,
    accessible,
    `The workbook (${(input.workbookLink.size / 1_048_576).toFixed(1)} MB) is too large to attach; download it here: ${input.workbookLink.url}`,
    // A link signed with a function's temporary credentials dies with them, possibly earlier.
    `The link works until ${input.workbookLink.expiresAt} at the latest; \`strategy-report reports url ${input.model.period} --format xlsx\` makes a fresh one.`,
  ];
}

function emailText(content: EmailContent): string {
  const { banner } = content;
  return [
    ...(banner ? [banner, ''] : []),
    ...(content.replaces ? [content.replaces, ''] : []),
    oneLine(content.title, 300),
    content.generated,
    '',
    'HEADLINE',
    ...content.headline.map((line) => `- ${line}`),
    '',
    'BY GOAL',
    ...content.goals.map((line) => `- ${line}`),
    '',
    'WHAT CHANGED',
    ...content.changes.map((line) => `- ${line}`),
    '',
    `TOP RISKS (${content.risksHeading})`,
    ...(content.risks.length === 0
      ? ['- Nothing is at risk or off track.']
      : content.risks.map((line, index) => `${index + 1}. ${line}`)),
    '',
    ...content.attachments,
    content.stored,
    ...(banner ? ['', banner] : []),
    '',
  ].join('\n');
}

function emailHtml(content: EmailContent): string {
  const { banner } = content;
  const list = (items: readonly string[], ordered = false) =>
    `<${ordered ? 'ol' : 'ul'}>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</${ordered ? 'ol' : 'ul'}>`;
  const bannerLine = banner ? `<p style="text-align:center;font-weight:bold">${escapeHtml(banner)}</p>` : '';
  return `<!DOCTYPE html>
<html lang="en-US"><head><meta charset="utf-8"><title>${escapeHtml(content.title)}</title></head>
<body style="font-family: Segoe UI, Roboto, Helvetica, Arial, sans-serif; color: #111;">
${bannerLine}
${content.replaces ? `<p style="font-weight:bold;border-left:4px solid #7A2E00;padding-left:8px">${escapeHtml(content.replaces)}</p>\n` : ''}<h1 style="font-size:20px;color:#0B2545">${escapeHtml(oneLine(content.title, 300))}</h1>
<p>${escapeHtml(content.generated)}</p>
<h2 style="font-size:16px">Headline</h2>
${list(content.headline)}
<h2 style="font-size:16px">By goal</h2>
${list(content.goals)}
<h2 style="font-size:16px">What changed</h2>
${list(content.changes)}
<h2 style="font-size:16px">Top risks (${content.risksHeading})</h2>
${content.risks.length === 0 ? '<p>Nothing is at risk or off track.</p>' : list(content.risks, true)}
${content.attachments.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}
<p>${escapeHtml(content.stored)}</p>
${bannerLine}
</body></html>
`;
}
