import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readStratmlDocument } from '../../../../shared/adapters/stratml/read-stratml-document';
import { writeStratmlDocument } from '../../../../shared/adapters/stratml/write-stratml-document';
import { defaultCatalog } from '../../../../shared/catalog/default-catalog';
import { type Catalog, parseCatalog } from '../../../../shared/domain/catalog/catalog';
import { catalogToStratml } from '../../../../shared/domain/stratml/catalog-to-stratml';
import { reportToStratml } from '../../../../shared/domain/stratml/report-to-stratml';
import { stratmlToCatalog } from '../../../../shared/domain/stratml/stratml-to-catalog';
import { populatedSnapshot } from '../../../support/populated-snapshot';
import { STRATML_XSD_PATH, validateAgainstStratmlSchema } from '../../../support/stratml-schema';

const cbp = defaultCatalog();
const exported = writeStratmlDocument(catalogToStratml(cbp));

function imported(xml: string) {
  const { document, warnings } = readStratmlDocument(Buffer.from(xml, 'utf8'), 'cbp.stratml.xml');
  const mapped = stratmlToCatalog(document, 'cbp.stratml.xml');
  return {
    catalog: parseCatalog(mapped.catalog, 'cbp.stratml.xml'),
    warnings: [...warnings, ...mapped.warnings],
  };
}

/** Everything a catalog says, as plain data. */
const content = (catalog: Catalog) => ({
  id: catalog.id,
  version: catalog.version,
  title: catalog.title,
  source: catalog.source,
  endDate: catalog.endDate,
  goals: catalog.goals,
  missionAreas: catalog.missionAreas,
  objectives: catalog.objectives,
  keyActivities: catalog.keyActivities,
  offices: catalog.offices,
});

describe('the StratML export of the catalog', () => {
  it('is valid against the ISO 17469-1 Part 2 schema (xmllint)', async () => {
    expect(exported).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<PerformancePlanOrReport xmlns="urn:ISO:std:iso:17469:tech:xsd:PerformancePlanOrReport" [^>]*Type="Strategic_Plan">/,
    );
    expect(await validateAgainstStratmlSchema(exported)).toEqual({ valid: true, errors: [] });
  });

  it('round-trips the CBP plan: the import of the export is the same catalog, without a warning', () => {
    const { catalog, warnings } = imported(exported);
    expect(warnings).toEqual([]);
    expect(content(catalog)).toEqual(content(cbp));
    // Offices per key activity survive, not just the list of offices.
    expect(catalog.activitiesOf('AMO').map((activity) => activity.id)).toEqual(
      cbp.activitiesOf('AMO').map((activity) => activity.id),
    );
  });

  it('round-trips organisation, mission, vision, values and goal descriptions when a catalog has them', () => {
    const richer = parseCatalog({
      id: 'example-plan',
      version: '3.2.1',
      title: 'Example & <Plan>',
      source: 'https://example.gov/plan.pdf',
      organization: { name: 'Example Agency', acronym: 'EA' },
      mission: 'Serve.',
      vision: 'Served.',
      values: [{ name: 'Care', description: 'We care.' }, { name: 'Speed' }],
      goals: [{ id: '1', title: 'One', description: 'The first goal.' }],
      objectives: [
        {
          id: '1.1',
          goalId: '1',
          title: 'O',
          desiredOutcome: 'Done "well".',
          keyActivities: [{ id: '1.1.1', text: 'Do it' }],
        },
      ],
      offices: [{ code: 'HQ', name: 'Headquarters' }],
      assignments: { '1.1.1': ['HQ'] },
    });
    const xml = writeStratmlDocument(catalogToStratml(richer));
    const { catalog, warnings } = imported(xml);
    expect(warnings).toEqual([]);
    expect({
      ...content(catalog),
      organization: catalog.organization,
      mission: catalog.mission,
      vision: catalog.vision,
      values: catalog.values,
    }).toEqual({
      ...content(richer),
      organization: richer.organization,
      mission: richer.mission,
      vision: richer.vision,
      values: richer.values,
    });
  });

  it('writes only characters XML can carry', async () => {
    const odd = parseCatalog({
      ...JSON.parse(JSON.stringify({ id: 'odd', version: '1.0.0', title: 'Bell\u0007 and tab\there' })),
      goals: [{ id: '1', title: 'G' }],
      objectives: [
        {
          id: '1.1',
          goalId: '1',
          title: 'O',
          desiredOutcome: 'D',
          keyActivities: [{ id: '1.1.1', text: 'K' }],
        },
      ],
      offices: [{ code: 'HQ', name: 'Headquarters' }],
      assignments: { '1.1.1': ['HQ'] },
    });
    const xml = writeStratmlDocument(catalogToStratml(odd));
    expect(xml).toContain('<Name>Bell and tab\there</Name>');
    expect((await validateAgainstStratmlSchema(xml)).valid).toBe(true);
  });
});

describe('report.stratml.xml', () => {
  const snapshot = populatedSnapshot({ period: '2026-10' as never, seed: 3 });
  const context = {
    generatedAt: '2026-11-05T12:00:00.000Z',
    snapshotVersion: 2,
    snapshotSha256: 'a'.repeat(64),
  };
  const xml = writeStratmlDocument(reportToStratml(snapshot, context));

  it('is a Performance_Report valid against the schema', async () => {
    expect(xml).toContain('Type="Performance_Report"');
    expect(await validateAgainstStratmlSchema(xml)).toEqual({ valid: true, errors: [] });
  });

  it('has, per key activity, a measurement with the target and the period’s actual: percent and status', () => {
    const { document } = readStratmlDocument(Buffer.from(xml), 'report.stratml.xml');
    const indicators = document.goals.flatMap((goal) =>
      goal.objectives.flatMap((objective) => objective.indicators),
    );
    expect(indicators.map((indicator) => indicator.sequenceIndicator)).toEqual(
      snapshot.keyActivities.map((activity) => activity.id),
    );
    snapshot.keyActivities.forEach((activity, index) => {
      const measurement = indicators[index]?.measurements[0];
      expect(measurement?.targets).toEqual([
        {
          numberOfUnits: '100',
          descriptor: { name: 'Status', value: 'Complete' },
          description: 'The key activity complete: 100 percent by the end of the plan.',
        },
      ]);
      expect(measurement?.actuals[0]).toMatchObject({
        startDate: '2026-10-01',
        endDate: '2026-10-31',
        descriptor: { name: 'Status', value: activity.status },
        ...(activity.percentComplete === null
          ? {}
          : { numberOfUnits: String(Math.round(activity.percentComplete * 100) / 100) }),
      });
      expect(indicators[index]?.relationships[0]?.referentIdentifiers).toEqual(activity.offices);
    });
    expect(document.administrativeInformation).toEqual({
      identifier: `_${snapshot.catalog.id}_v${snapshot.catalog.version}`,
      startDate: '2026-10-01',
      endDate: '2026-10-31',
      publicationDate: '2026-11-05',
    });
  });

  it('is the same bytes for the same snapshot and context', () => {
    expect(writeStratmlDocument(reportToStratml(snapshot, context))).toBe(xml);
  });
});

describe('the committed schema', () => {
  it('is the one beside the repository, unchanged, when that folder is there', () => {
    // CI checks the repository out with ../shared beside it; a worktree under wt/<branch> has it two up.
    const beside = ['../../../../../shared', '../../../../../../shared']
      .map((folder) =>
        fileURLToPath(
          new URL(`${folder}/standards/stratml/PerformancePlanOrReport20160216.xsd`, import.meta.url),
        ),
      )
      .filter((path) => existsSync(path));
    const committed = readFileSync(STRATML_XSD_PATH);
    expect(committed.toString('utf8')).toContain(
      'targetNamespace="urn:ISO:std:iso:17469:tech:xsd:PerformancePlanOrReport"',
    );
    for (const path of beside) expect(committed.equals(readFileSync(path)), path).toBe(true);
  });
});
