import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillProgressSheet } from '../../shared/adapters/excel/progress-sheet-filler';
import { type LoadedCatalog, loadCatalogSource } from '../../shared/catalog/load-catalog';
import type { Dependencies } from '../../shared/composition/dependencies';
import { parseProductConfig } from '../../shared/config/product-config';
import { parsePeriod } from '../../shared/domain/period';
import { createIngestHandler } from '../../shared/entries/ingest-entry';
import { createRenderHandler } from '../../shared/entries/render-entry';
import { createRollupHandler } from '../../shared/entries/rollup-entry';
import { uploadAndDeliver } from '../../shared/local/deliver-upload';
import { localDependencies } from '../../shared/local/local-dependencies';
import { type LocalRuntime, openLocalRuntime } from '../../shared/local/local-runtime';
import { silentLog } from '../../shared/ports/log';
import { uploadKey } from '../../shared/storage/object-keys';
import { generateTemplate } from '../../shared/use-cases/generate-template';
import type { IngestOutcome } from '../../shared/use-cases/ingest-submission';
import { readReportFile } from '../../shared/use-cases/report-reads';
import { loadSnapshot } from '../../shared/use-cases/snapshot-storage';
import { verifyReports } from '../../shared/use-cases/verify-reports';
import { htmlText, pdfPageTexts } from '../support/report-text';
import { validateAgainstStratmlSchema } from '../support/stratml-schema';

/*
 * A plan written by someone else — a StratML Part 1 document from the published StratML
 * collection (test/fixtures/stratml/README.md) — through the whole pipeline on the embedded
 * servers: import, a template for its office, a submission through the real ingest handler, the
 * rollup and the render handlers. It has no mission areas and no performers.
 */
const PLAN = fileURLToPath(new URL('../fixtures/stratml/PMOAI.xml', import.meta.url));
const OCTOBER = parsePeriod('2026-10');

describe('a published StratML plan through the whole pipeline', () => {
  let runtime: LocalRuntime;
  let deps: Dependencies;
  let loaded: LoadedCatalog;
  const outcomes: IngestOutcome[] = [];

  beforeAll(async () => {
    loaded = await loadCatalogSource(PLAN);
    runtime = await openLocalRuntime();
    deps = localDependencies(runtime, {
      catalog: loaded.catalog,
      config: parseProductConfig({}),
      clock: { now: () => new Date('2026-11-03T09:00:00Z') },
    });
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('imports with warnings, each naming its element path', () => {
    const { catalog, warnings } = loaded;
    expect(catalog.title).toBe('Presidential Memorandum on The White House Office of American Innovation');
    expect(catalog.missionAreas).toEqual([]);
    expect(catalog.goals).toEqual([
      { id: '1', title: 'Establishment', description: 'Establish the Office of American Innovation.' },
    ]);
    // Four objectives numbered 1–4 in the document; the unnumbered one takes the next free number.
    expect(catalog.objectives.map((objective) => [objective.id, objective.title])).toEqual([
      ['1.5', 'Responsibilities'],
      ['1.1', 'Initiatives'],
      ['1.2', 'Plans'],
      ['1.3', 'Reports'],
      ['1.4', 'Information, Ideas & Experiences'],
    ]);
    // No objective has indicators: each objective is its own trackable item.
    expect(catalog.keyActivity('1.2.1')?.text).toBe('Coordinate implementation of any resulting plans.');
    expect(catalog.offices).toEqual([{ code: 'DJT', name: 'Donald J. Trump' }]);
    expect(catalog.keyActivities.every((activity) => activity.offices.join() === 'DJT')).toBe(true);
    expect(catalog.organization).toEqual({ name: 'Donald J. Trump', acronym: 'DJT' });
    expect(catalog.values.map((value) => value.name)).toContain('Ingenuity');
    expect(warnings.map((warning) => [warning.path, warning.message])).toEqual([
      [
        '/StrategicPlan/AdministrativeInformation/Submitter[1]',
        '<Submitter> does not belong in <AdministrativeInformation>: ignored',
      ],
      [
        '/StrategicPlan',
        '5 key activities have no stakeholder with the role Performer (on the indicator, objective, goal or organisation): assigned to Donald J. Trump (DJT)',
      ],
    ]);
  });

  it('gives its office a template, accepts a submission through the ingest handler, rolls up and renders', async () => {
    const ingest = createIngestHandler(deps, {
      log: silentLog,
      onOutcome: (outcome) => outcomes.push(outcome),
    });
    const template = await generateTemplate({ office: 'DJT', period: OCTOBER }, deps);
    expect(template.content.rows.map((row) => row.activityId)).toEqual([
      '1.5.1',
      '1.1.1',
      '1.2.1',
      '1.3.1',
      '1.4.1',
    ]);
    const statuses = ['On Track', 'At Risk', 'Complete', 'Not Started', 'On Track'] as const;
    const percents = [40, 20, 100, 0, 60];
    const bytes = await fillProgressSheet(template.bytes, (_activityId, index) => ({
      status: statuses[index],
      percentComplete: percents[index],
      ...(statuses[index] === 'At Risk' ? { risksAndIssues: 'staffing not yet approved' } : {}),
    }));
    await uploadAndDeliver(
      { key: uploadKey('DJT', OCTOBER, 'djt-october.xlsx'), bytes, uploader: 'djt@example.gov' },
      deps.uploads,
      ingest,
    );
    expect(outcomes.at(-1)).toMatchObject({ kind: 'accepted', office: 'DJT', period: OCTOBER, rows: 5 });

    expect(await createRollupHandler(deps)({ period: OCTOBER })).toMatchObject({ outcome: 'stored' });
    const snapshot = await loadSnapshot(
      deps.reportObjects,
      (await deps.snapshotIndex.latest(OCTOBER)) ?? expect.unreachable(),
    );
    expect(snapshot.missionAreas).toEqual([]);
    expect(snapshot.agency.percentComplete).toBe(44);

    const rendered = await createRenderHandler(deps)({ period: OCTOBER });
    expect(rendered).toMatchObject({ outcome: 'rendered', version: 1 });
    const record = (await deps.reportIndex.latest(OCTOBER)) ?? expect.unreachable();
    expect(record.files.map((file) => file.name)).toEqual([
      'brief.pdf',
      'workbook.xlsx',
      'brief.html',
      'report.stratml.xml',
    ]);

    // The brief names the plan's own items, and has no mission-area view or charts.
    const html = htmlText((await readReportFile(deps.reportObjects, record, 'brief.html')).toString('utf8'));
    expect(html).toContain('Coordinate implementation of any resulting plans.');
    expect(html).not.toMatch(/mission area/i);
    const pdf = (await pdfPageTexts(await readReportFile(deps.reportObjects, record, 'brief.pdf'))).join(' ');
    expect(pdf).toContain('Establishment');
    expect(pdf).not.toMatch(/mission area/i);

    // The StratML report is valid and carries each item's actual for the period.
    const xml = (await readReportFile(deps.reportObjects, record, 'report.stratml.xml')).toString('utf8');
    expect(await validateAgainstStratmlSchema(xml)).toEqual({ valid: true, errors: [] });
    expect(xml).toContain('<SequenceIndicator>1.3.1</SequenceIndicator>');
    expect(xml).toMatch(
      /<ActualResult>\s*<StartDate>2026-10-01<\/StartDate>\s*<EndDate>2026-10-31<\/EndDate>\s*<NumberOfUnits>100<\/NumberOfUnits>\s*<Descriptor>\s*<DescriptorName>Status<\/DescriptorName>\s*<DescriptorValue>Complete<\/DescriptorValue>/,
    );

    const verification = await verifyReports(deps, { kind: 'all' });
    expect(verification.findings).toEqual([]);
    expect(verification.counts.files).toBe(4);
  });
});
