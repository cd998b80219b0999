import { describe, expect, it } from 'vitest';
import { looksLikeFormula, printableText } from '../../../../shared/domain/report/report-text';

describe('report text', () => {
  it('replaces characters XML and HTML cannot carry, and keeps tab, line breaks and unicode', () => {
    expect(printableText('a\u0000b\u0007c\u001fd\u007f')).toBe('a\ufffdb\ufffdc\ufffdd\ufffd');
    expect(printableText('tab\tLF\nCR\r ok')).toBe('tab\tLF\nCR\r ok');
    expect(printableText('Zoë 中文 ✓ 😀')).toBe('Zoë 中文 ✓ 😀');
    expect(printableText('lone \ud800 surrogate \udc00')).toBe('lone \ufffd surrogate \ufffd');
  });

  it('recognises text a spreadsheet could run: = + - @ tab carriage return or line feed first', () => {
    for (const text of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '\nx'])
      expect(looksLikeFormula(text), JSON.stringify(text)).toBe(true);
    for (const text of ['1-1', 'a=b', ' =1', '', '＝1'])
      expect(looksLikeFormula(text), JSON.stringify(text)).toBe(false);
  });
});
