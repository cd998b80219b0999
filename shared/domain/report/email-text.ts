import { oneLine as shortLine } from './display-format';
import { printableText } from './report-text';

/**
 * Text from data as an e-mail body carries it (the leadership brief's, the review pack's): one
 * line at most `length` long in the text part, HTML-escaped in the HTML part, with characters no
 * format can carry replaced first.
 */
export const emailLine = (text: string, length: number) => shortLine(printableText(text), length);

export const emailHtmlText = (text: string) =>
  printableText(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
