import { describe, expect, it } from 'vitest';
import { readStratmlDocument } from '../../../../shared/adapters/stratml/read-stratml-document';
import { parseCatalog } from '../../../../shared/domain/catalog/catalog';
import { InvalidInputError } from '../../../../shared/domain/errors';
import { stratmlToCatalog } from '../../../../shared/domain/stratml/stratml-to-catalog';

const NS = 'urn:ISO:std:iso:17469:tech:xsd:PerformancePlanOrReport';
const plan = (core: string, extra = '') =>
  `<PerformancePlanOrReport xmlns="${NS}" Type="Performance_Plan"><Name>Agency Plan</Name><StrategicPlanCore>${core}</StrategicPlanCore>${extra}</PerformancePlanOrReport>`;
const performer = (name: string) =>
  `<Stakeholder><Name>${name}</Name><Role><Name>Lead</Name><RoleType>Performer</RoleType></Role></Stakeholder>`;
const objective = (inner: string) => `<Objective>${inner}</Objective>`;
const goalXml = (inner: string) => `<Goal>${inner}</Goal>`;

function mapped(xml: string) {
  const { document, warnings } = readStratmlDocument(Buffer.from(xml), 'plan.xml');
  const result = stratmlToCatalog(document, 'plan.xml');
  return {
    catalog: parseCatalog(result.catalog, 'plan.xml'),
    file: result.catalog,
    warnings: [...warnings, ...result.warnings],
  };
}
function refusal(xml: string): InvalidInputError {
  try {
    mapped(xml);
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('stratmlToCatalog', () => {
  it('maps organisation, mission, vision, values, goals, objectives, indicators and performers', () => {
    const { catalog, warnings } = mapped(
      plan(
        `<Organization><Name>Department of Examples</Name><Acronym>DOE</Acronym>${performer('Office of Field Work (OFW)')}</Organization>
         <Vision><Description>A better place.</Description></Vision>
         <Mission><Description>To do good work.</Description></Mission>
         <Value><Name>Integrity</Name><Description>Honest always.</Description></Value>
         ${goalXml(`<Name>Serve</Name><Description>Serve the public.</Description><SequenceIndicator>Goal 2</SequenceIndicator>
           ${objective(`<Name>Speed</Name><Description>Answer fast.</Description><SequenceIndicator>2.3</SequenceIndicator>${performer('Regional Offices')}
             <PerformanceIndicator><SequenceIndicator>2.3.1</SequenceIndicator><MeasurementDimension>Days to answer</MeasurementDimension><UnitOfMeasurement>Days</UnitOfMeasurement></PerformanceIndicator>
             <PerformanceIndicator><MeasurementDimension>Share answered</MeasurementDimension><UnitOfMeasurement>Percent</UnitOfMeasurement><Relationship><ReferentIdentifier>OFW</ReferentIdentifier><Name>Performer</Name></Relationship></PerformanceIndicator>`)}
           ${objective('<Name>Reach</Name><Description>Reach everyone.</Description>')}`)}`,
        '<AdministrativeInformation><EndDate>2030-09-30</EndDate><Source>https://example.gov/plan</Source></AdministrativeInformation>',
      ),
    );
    expect(warnings).toEqual([]);
    expect(catalog).toMatchObject({
      title: 'Agency Plan',
      id: 'agency-plan',
      source: 'https://example.gov/plan',
      endDate: '2030-09-30',
      organization: { name: 'Department of Examples', acronym: 'DOE' },
      mission: 'To do good work.',
      vision: 'A better place.',
      values: [{ name: 'Integrity', description: 'Honest always.' }],
      goals: [{ id: '2', title: 'Serve', description: 'Serve the public.' }],
      missionAreas: [],
    });
    expect(catalog.version).toMatch(/^1\.0\.\d+$/);
    expect(catalog.offices).toEqual([
      { code: 'OFW', name: 'Office of Field Work' },
      { code: 'RO', name: 'Regional Offices' },
    ]);
    expect(catalog.objectives.map((entry) => [entry.id, entry.title, entry.desiredOutcome])).toEqual([
      ['2.3', 'Speed', 'Answer fast.'],
      ['2.2', 'Reach', 'Reach everyone.'],
    ]);
    expect(catalog.keyActivities.map((entry) => [entry.id, entry.text, entry.offices])).toEqual([
      // The indicator names no performer: its objective's. (Its unit is already in the text.)
      ['2.3.1', 'Days to answer', ['RO']],
      // A Relationship named Performer names its office by code.
      ['2.3.2', 'Share answered (Percent)', ['OFW']],
      // No indicators: the objective itself, performed by the organisation's performers.
      ['2.2.1', 'Reach everyone.', ['OFW']],
    ]);
  });

  it('derives the version from the content: another plan text, another version', () => {
    const one = mapped(plan(goalXml(`<Name>G</Name><Description/>${objective('<Name>O</Name>')}`)));
    const same = mapped(plan(goalXml(`<Name>G</Name>  <Description/>${objective('<Name>O</Name>')}`)));
    const other = mapped(plan(goalXml(`<Name>G</Name><Description/>${objective('<Name>O2</Name>')}`)));
    expect(same.catalog.version).toBe(one.catalog.version);
    expect(other.catalog.version).not.toBe(one.catalog.version);
  });

  it('refuses a document with no goals, and one whose goals have no objectives, leaving nothing loaded', () => {
    const none = refusal(plan('<Vision><Description>v</Description></Vision>'));
    expect(none.problems[0]).toMatchObject({ rule: 'stratml.no-goals', file: 'plan.xml' });
    expect(none.message).toBe(
      'plan.xml: the document has no <Goal>: a plan needs at least one [stratml.no-goals]',
    );
    const empty = refusal(plan(goalXml('<Name>G</Name><Description>D</Description>')));
    expect(empty.message).toContain('no <Goal> in the document has an objective: there is nothing to track');
  });

  it('refuses ids that are the same once normalised', () => {
    const goals = refusal(
      plan(
        goalXml(
          `<Name>A</Name><Description/><SequenceIndicator>1</SequenceIndicator>${objective('<Name>O</Name>')}`,
        ) +
          goalXml(
            `<Name>B</Name><Description/><SequenceIndicator>01.</SequenceIndicator>${objective('<Name>O</Name>')}`,
          ),
      ),
    );
    expect(goals.problems[0]?.rule).toBe('stratml.duplicate-id');
    expect(goals.message).toContain(
      'goal 1 is numbered twice: /PerformancePlanOrReport/StrategicPlanCore/Goal[1] and /PerformancePlanOrReport/StrategicPlanCore/Goal[2]',
    );
    const objectives = refusal(
      plan(
        goalXml(
          `<Name>A</Name><Description/>${objective('<Name>O</Name><SequenceIndicator>1.2</SequenceIndicator>')}${objective('<Name>P</Name><SequenceIndicator>2</SequenceIndicator>')}`,
        ),
      ),
    );
    expect(objectives.message).toContain('objective 1.2 is numbered twice');
    const offices = refusal(
      plan(
        `<Organization>${performer('Office of A (OFA)')}${performer('Other office (OFA)')}</Organization>${goalXml(`<Name>G</Name><Description/>${objective('<Name>O</Name>')}`)}`,
      ),
    );
    expect(offices.message).toContain('office code OFA is given to both "Office of A"');
  });

  it('warns about a goal with no objectives and leaves it out', () => {
    const { catalog, warnings } = mapped(
      plan(
        goalXml(`<Name>Empty</Name><Description>D</Description>`) +
          goalXml(`<Name>Full</Name><Description>D</Description>${objective('<Name>O</Name>')}`),
      ),
    );
    expect(catalog.goals.map((goal) => [goal.id, goal.title])).toEqual([['2', 'Full']]);
    expect(warnings).toContainEqual({
      path: '/PerformancePlanOrReport/StrategicPlanCore/Goal[1]',
      line: 1,
      message: 'goal 1 has no objectives: left out of the plan (a goal is tracked through its objectives)',
    });
  });

  it('cuts text over the catalog’s limit at a word, with a warning', () => {
    const long = `${'measure '.repeat(400)}end`;
    const { catalog, warnings } = mapped(
      plan(
        goalXml(
          `<Name>G</Name><Description/>${objective(`<Name>O</Name><Description>${long}</Description>`)}`,
        ),
      ),
    );
    const outcome = catalog.objective('1.1')?.desiredOutcome ?? '';
    expect(outcome.length).toBeLessThanOrEqual(2000);
    expect(outcome.endsWith('measure…')).toBe(true);
    expect(warnings.map((warning) => warning.message)).toContain(
      `the objective description is ${long.length} characters, over the catalog's 2000: cut`,
    );
  });

  it('numbers from SequenceIndicators it can read, warns about those it cannot, and falls back to position', () => {
    const { catalog, warnings } = mapped(
      plan(
        goalXml(
          `<Name>A</Name><Description/><SequenceIndicator>II</SequenceIndicator>${objective('<Name>O</Name><SequenceIndicator>EX2.4</SequenceIndicator>')}${objective('<Name>P</Name><SequenceIndicator>3.1</SequenceIndicator>')}`,
        ) +
          goalXml(
            `<Name>B</Name><Description/><SequenceIndicator>Strategic Goal A</SequenceIndicator>${objective('<Description>Only a description. It goes on.</Description>')}`,
          ),
      ),
    );
    // Unreadable ones take their position, or the next free number when another has it.
    expect(catalog.goals.map((goal) => goal.id)).toEqual(['2', '3']);
    expect(catalog.objectives.map((entry) => [entry.id, entry.title])).toEqual([
      ['2.4', 'O'],
      ['2.2', 'P'],
      ['3.1', 'Only a description.'],
    ]);
    expect(warnings.map((warning) => warning.message)).toEqual([
      'SequenceIndicator "Strategic Goal A" is not a number: the goal is numbered by position',
      'SequenceIndicator "3.1" belongs to goal 3, not 2: the objective is numbered by position',
      'objective 2.4 has no Description: its name stands as the desired outcome',
      'objective 2.2 has no Description: its name stands as the desired outcome',
      'objective 3.1 has no Name: titled from its Description',
      '3 key activities have no stakeholder with the role Performer (on the indicator, objective, goal or organisation): assigned to Agency Plan (AP)',
    ]);
  });

  it('describes an indicator without a measurement dimension by its target, else its objective', () => {
    const { catalog, warnings } = mapped(
      plan(
        goalXml(
          `<Name>G</Name><Description/>${objective(`<Name>Land Use</Name>
            <PerformanceIndicator><MeasurementDimension/><UnitOfMeasurement/><MeasurementInstance><TargetResult><Description>Adoption of the plan</Description></TargetResult></MeasurementInstance></PerformanceIndicator>
            <PerformanceIndicator><MeasurementDimension/><UnitOfMeasurement/></PerformanceIndicator>`)}`,
        ),
      ),
    );
    expect(catalog.keyActivities.map((entry) => entry.text)).toEqual([
      'Adoption of the plan',
      'Land Use (indicator 2)',
    ]);
    expect(warnings.map((warning) => warning.message)).toContain(
      'no MeasurementDimension: the key activity is described by its target',
    );
  });

  it('reads the mission areas and identity this product writes', () => {
    const { catalog } = mapped(
      plan(
        goalXml(
          `<Name>G</Name><Description/>${objective('<Name>O</Name><OtherInformation>Mission area [border] Secure the Border — Protect the line.</OtherInformation>')}`,
        ),
        '<AdministrativeInformation><Identifier>_my-plan_v2.1.0</Identifier></AdministrativeInformation>',
      ),
    );
    expect(catalog).toMatchObject({ id: 'my-plan', version: '2.1.0' });
    expect(catalog.missionAreas).toEqual([
      { id: 'border', goalId: '1', title: 'Secure the Border', description: 'Protect the line.' },
    ]);
    expect(catalog.objective('1.1')?.missionAreaId).toBe('border');
  });

  it('reads a Performance_Report’s plan and says its measurements are not read', () => {
    const xml = plan(goalXml(`<Name>G</Name><Description/>${objective('<Name>O</Name>')}`)).replace(
      'Performance_Plan',
      'Performance_Report',
    );
    expect(mapped(xml).warnings.map((warning) => warning.message)).toContain(
      'a Performance_Report: its plan is read, its measurements are not',
    );
  });
});
