/**
 * Text that reaches a report came from submitters. Two things about it matter to every format:
 * characters XML and HTML cannot carry at all (C0 controls other than tab, line feed and carriage
 * return, and lone surrogates) become U+FFFD, so a stray control character cannot corrupt a file; and
 * text a spreadsheet could take for a formula is recognised so the workbook can mark it inert.
 */
const UNREPRESENTABLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function printableText(value: string): string {
  return value.replace(UNREPRESENTABLE, '\ufffd');
}

/**
 * True when a spreadsheet program could read the text as a formula or command: it begins with
 * `=`, `+`, `-`, `@`, a tab or a carriage return (OWASP's list for CSV injection, which applies to
 * any cell a user may later edit or export) — or a line feed, what a carriage return becomes.
 */
export function looksLikeFormula(value: string): boolean {
  return /^[=+\-@\t\r\n]/.test(value);
}
