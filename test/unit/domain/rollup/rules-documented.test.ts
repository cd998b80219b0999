import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIKELIHOOD_RULES } from '../../../../shared/domain/rollup/likelihood';
import { MOVEMENTS } from '../../../../shared/domain/rollup/rollup-snapshot';
import { STATUS_RULES } from '../../../../shared/domain/rollup/status-rules';

const doc = readFileSync(new URL('../../../../docs/status-rules.md', import.meta.url), 'utf8');

describe('docs/status-rules.md', () => {
  it('states every overall status rule with its id, status and order', () => {
    STATUS_RULES.forEach((rule, index) => {
      expect(doc).toMatch(new RegExp(`\\| ${index + 1} \\| \`${rule.id}\` \\| ${rule.status} \\|`));
    });
  });

  it('states every likelihood rule and every movement', () => {
    LIKELIHOOD_RULES.forEach((id, index) => {
      expect(doc).toMatch(new RegExp(`\\| ${index + 1} \\| \`${id}\` \\|`));
    });
    for (const movement of MOVEMENTS) expect(doc).toContain(`\`${movement}\``);
  });
});
