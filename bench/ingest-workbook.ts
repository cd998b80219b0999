import { writeTemplateWorkbook } from '../shared/adapters/excel/template-workbook-writer';
import { type Catalog, parseCatalog } from '../shared/domain/catalog/catalog';
import { parsePeriod } from '../shared/domain/period';
import type { ProgressRow } from '../shared/domain/progress';
import { buildTemplateContent } from '../shared/domain/submission/template-content';

/** The office and period of the benchmark workbook. */
export const BENCH_OFFICE = 'BENCH';
export const BENCH_PERIOD = parsePeriod('2026-10');

/** A catalog in which one office owns `rows` key activities (100 per objective). */
export function benchCatalog(rows: number): Catalog {
  const objectives = Array.from({ length: Math.ceil(rows / 100) }, (_, o) => ({
    id: `1.${o + 1}`,
    goalId: '1',
    title: `Objective ${o + 1}`,
    desiredOutcome: `Outcome of objective ${o + 1}`,
    keyActivities: Array.from({ length: Math.min(100, rows - o * 100) }, (_, a) => ({
      id: `1.${o + 1}.${a + 1}`,
      text: `Key activity ${o + 1}.${a + 1}: deliver the capability described in the plan for this line of effort.`,
    })),
  }));
  return parseCatalog({
    id: 'bench-catalog',
    version: '1.0.0',
    title: 'Benchmark plan',
    goals: [{ id: '1', title: 'Benchmark goal' }],
    objectives,
    offices: [{ code: BENCH_OFFICE, name: 'Benchmark Office' }],
    assignments: Object.fromEntries(
      objectives.flatMap((objective) =>
        objective.keyActivities.map((activity) => [activity.id, [BENCH_OFFICE]]),
      ),
    ),
  });
}

/**
 * A fully answered workbook: a template pre-filled with an answer on every row, valid unless
 * `percentOutOfRange`, which puts 150 in every row's Percent Complete (a problem on every row).
 */
export async function benchWorkbook(
  catalog: Catalog,
  maxTextLength: number,
  options: { readonly percentOutOfRange?: boolean } = {},
): Promise<Buffer> {
  const statuses = ['Not Started', 'On Track', 'At Risk', 'Off Track', 'Complete'] as const;
  const rows: ProgressRow[] = catalog.activitiesOf(BENCH_OFFICE).map((activity, index) => {
    const status = statuses[index % statuses.length] as (typeof statuses)[number];
    return {
      activityId: activity.id,
      status,
      percentComplete: options.percentOutOfRange ? 150 : status === 'Complete' ? 100 : index % 100,
      metric: 'milestones delivered',
      actual: index % 37,
      target: 40,
      nextMilestone: 'finish the next increment',
      milestoneDue: `2027-0${(index % 9) + 1}-15`,
      accomplishments: `Row ${index}: finished the planned work for the month and briefed the stakeholders.`,
      ...(status === 'At Risk' || status === 'Off Track' ? { risksAndIssues: 'staffing shortfall' } : {}),
      pointOfContact: 'owner@agency.example',
    };
  });
  const content = buildTemplateContent({
    catalog,
    officeCode: BENCH_OFFICE,
    period: BENCH_PERIOD,
    submissionDeadlineDay: 10,
    maxTextLength,
    maxUploadBytes: 10 * 1024 * 1024,
    generatedAt: new Date('2026-11-01T00:00:00Z'),
    previous: { period: parsePeriod('2026-09'), revision: 1, rows },
  });
  return writeTemplateWorkbook(content, maxTextLength);
}
