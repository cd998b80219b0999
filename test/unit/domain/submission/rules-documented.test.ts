import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIMIT_RULES } from '../../../../shared/domain/submission/workbook-limits';

const doc = readFileSync(new URL('../../../../docs/submissions.md', import.meta.url), 'utf8');
const folder = new URL('../../../../shared/domain/submission/', import.meta.url);

/** Every rule id the submission rules can give: written as `rule: '…'` or `problem('…', …)`. */
function ruleIds(): string[] {
  const ids = new Set<string>(Object.values(LIMIT_RULES));
  for (const name of readdirSync(folder).filter((file) => file.endsWith('.ts'))) {
    const source = readFileSync(new URL(name, folder), 'utf8');
    for (const match of source.matchAll(/(?:rule: |problem(?:<\w+>)?\()'([a-z][a-z.-]+)'/g))
      ids.add(match[1] as string);
  }
  return [...ids].sort();
}

describe('docs/submissions.md', () => {
  it('names every rule a submitted workbook can break or be warned of', () => {
    const ids = ruleIds();
    expect(ids).toEqual(
      expect.arrayContaining([
        'attestation.missing-field',
        'attestation.missing-sheet',
        'attestation.date-range',
        'mitigation.required',
        'template.previous-version',
        'template.previous-version-expired',
      ]),
    );
    expect(ids.filter((id) => !doc.includes(`\`${id}\``))).toEqual([]);
  });
});
