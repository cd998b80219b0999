import { describe, expect, it } from 'vitest';
import { readStratmlDocument } from '../../../../shared/adapters/stratml/read-stratml-document';
import { parseCatalog } from '../../../../shared/domain/catalog/catalog';
import { stratmlToCatalog } from '../../../../shared/domain/stratml/stratml-to-catalog';
import { largeStratmlPlan } from '../../../support/large-stratml';

/* Time and memory of this import are measured in bench/stratml-import.bench.ts, not here. */
describe('a 10 MB StratML document', () => {
  it('imports whole, with its warnings counted rather than listed without end', () => {
    const { xml, goals, indicators } = largeStratmlPlan(10);
    expect(xml.length).toBeGreaterThanOrEqual(10 * 1024 * 1024);
    const { document, warnings } = readStratmlDocument(xml, 'large.xml');
    const catalog = parseCatalog(stratmlToCatalog(document, 'large.xml').catalog, 'large.xml');
    expect(catalog.goals).toHaveLength(goals);
    expect(catalog.keyActivities).toHaveLength(indicators);
    expect(catalog.offices).toHaveLength(10);
    expect(catalog.keyActivity(`${goals}.40.16`)?.text).toBe(
      'Share of cases in line 40 closed within standard 16 (Percent)',
    );
    // Every objective puts OtherInformation before Stakeholder: 500 warnings kept, the rest counted.
    expect(warnings).toHaveLength(501);
    expect(warnings.at(-1)?.message).toBe(`${goals * 40 - 500} more warnings were left out`);
  });
});
