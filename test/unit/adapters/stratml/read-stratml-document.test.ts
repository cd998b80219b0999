import { describe, expect, it } from 'vitest';
import {
  MAX_STRATML_BYTES,
  readStratmlDocument,
} from '../../../../shared/adapters/stratml/read-stratml-document';
import { InvalidInputError } from '../../../../shared/domain/errors';

const NS = 'urn:ISO:std:iso:17469:tech:xsd:PerformancePlanOrReport';

/** A minimal Part 2 plan around `core` (the StrategicPlanCore's content). */
const plan = (core: string, head = '', type = 'Strategic_Plan') =>
  `${head}<PerformancePlanOrReport xmlns="${NS}" Type="${type}"><Name>Plan</Name><StrategicPlanCore>${core}</StrategicPlanCore></PerformancePlanOrReport>`;
const goal = '<Goal><Name>G</Name><Description>D</Description><Objective><Name>O</Name></Objective></Goal>';

const read = (xml: string | Uint8Array) =>
  readStratmlDocument(typeof xml === 'string' ? Buffer.from(xml, 'utf8') : xml, 'plan.xml');

function refusal(xml: string | Uint8Array): InvalidInputError {
  try {
    read(xml);
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
    throw error;
  }
  throw new Error('expected the document to be refused');
}

describe('readStratmlDocument', () => {
  it('reads a clean plan without warnings', () => {
    const { document, warnings } = read(plan(goal));
    expect(warnings).toEqual([]);
    expect(document).toMatchObject({
      root: 'PerformancePlanOrReport',
      type: 'Strategic_Plan',
      name: 'Plan',
      goals: [{ name: 'G', description: 'D', objectives: [{ name: 'O', indicators: [] }] }],
    });
    expect(document.goals[0]?.path).toBe('/PerformancePlanOrReport/StrategicPlanCore/Goal[1]');
  });

  it('refuses a DOCTYPE with an external entity (XXE) before parsing, naming the file and line', () => {
    const error = refusal(
      `<?xml version="1.0"?>\n<!DOCTYPE p [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n${plan(`<Goal><Name>&xxe;</Name><Description/></Goal>`)}`,
    );
    expect(error.problems[0]).toMatchObject({ rule: 'stratml.doctype', file: 'plan.xml' });
    expect(error.message).toContain('contains a DOCTYPE declaration (line 2)');
    expect(error.message).not.toContain('root:');
  });

  it('refuses entity expansion (billion laughs) and a bare ENTITY declaration', () => {
    const laughs = `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>${plan(goal)}`;
    expect(refusal(laughs).problems[0]?.rule).toBe('stratml.doctype');
    expect(refusal(`<!-- <!ENTITY x "y"> -->${plan(goal)}`).message).toContain('ENTITY declaration');
  });

  it('refuses an undeclared entity reference as not well-formed', () => {
    const error = refusal(plan('<Goal><Name>&undefined;</Name><Description/></Goal>'));
    expect(error.problems[0]?.rule).toBe('stratml.xml');
    expect(error.message).toContain('not well-formed XML');
  });

  it('refuses what is not XML, with the parser’s line and column', () => {
    expect(refusal('{"goals": []}').message).toMatch(
      /^plan\.xml: not well-formed XML: 1:\d+: text data outside of root node\. \[stratml\.xml\]$/,
    );
    expect(refusal(`${plan(goal).slice(0, -5)}`).problems[0]?.rule).toBe('stratml.xml');
    expect(refusal('').problems[0]?.rule).toBe('stratml.xml');
  });

  it('refuses XML of another kind, naming its root', () => {
    const error = refusal('<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>');
    expect(error.problems[0]?.rule).toBe('stratml.kind');
    expect(error.message).toContain(
      'the root element is <html> in namespace http://www.w3.org/1999/xhtml: a StratML plan’s is'.replace(
        '’',
        "'",
      ),
    );
  });

  it('refuses a document over the size limit before reading it', () => {
    const error = refusal(new Uint8Array(MAX_STRATML_BYTES + 1));
    expect(error.problems[0]?.rule).toBe('stratml.size');
  });

  it('refuses nesting far deeper than StratML has', () => {
    const deep = `${'<Goal>'.repeat(40)}${'</Goal>'.repeat(40)}`;
    expect(refusal(plan(deep)).problems[0]?.rule).toBe('stratml.depth');
  });

  it('reads through a BOM, a stylesheet instruction, comments and CDATA', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?>\n<?xml-stylesheet type="text/xsl" href="part2.xsl"?>\n<!-- note -->${plan(
          '<Goal><Name><![CDATA[Safety & <health>]]></Name><Description>D</Description><Objective><Name>O</Name></Objective></Goal>',
        )}`,
      ),
    ]);
    const { document, warnings } = read(bytes);
    expect(warnings).toEqual([]);
    expect(document.goals[0]?.name).toBe('Safety & <health>');
  });

  it('decodes UTF-16 with a BOM and a declared Latin-1 document', () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(plan(goal.replace('>G<', '>Gé<')), 'utf16le'),
    ]);
    expect(read(utf16).document.goals[0]?.name).toBe('Gé');
    const latin1 = Buffer.from(
      `<?xml version="1.0" encoding="ISO-8859-1"?>${plan(goal.replace('>G<', '>Gé<'))}`,
      'latin1',
    );
    expect(read(latin1).document.goals[0]?.name).toBe('Gé');
  });

  it('replaces invalid UTF-8 with a warning instead of refusing', () => {
    const bytes = Buffer.from(plan(goal.replace('>G<', '>GXMARK<')), 'utf8');
    bytes[bytes.indexOf('XMARK')] = 0xe9; // a lone Latin-1 é in a UTF-8 document
    const { document, warnings } = read(bytes);
    expect(document.goals[0]?.name).toBe('G\uFFFDMARK');
    expect(warnings).toEqual([
      { path: '/', message: 'the document is not valid UTF-8: 1 byte sequence replaced by U+FFFD' },
    ]);
  });

  it('warns, with element path and line, about each deviation and reads what it understands', () => {
    const xml = plan(
      `<Goal>
  <Description>Goal text</Description>
  <Name>First</Name>
  <id/>
  <x:Note xmlns:x="urn:other">ignored</x:Note>
  <Objective><Name>O <b>bold</b></Name><Description>D</Description><Name>second name</Name>
    <PerformanceIndicator IndicatorType="Quantitative" Colour="red">
      <MeasurementDimension>Count</MeasurementDimension><UnitOfMeasurement>Number</UnitOfMeasurement>
      <Stakeholder><Name>Office A</Name><Role><Name>Performer</Name><RoleType>performer</RoleType><RoleType>Owner</RoleType></Role></Stakeholder>
      <MeasurementInstance><TargetResult><Description>T</Description><StartDate>2026-13-01</StartDate><NumberOfUnits>ten</NumberOfUnits></TargetResult></MeasurementInstance>
    </PerformanceIndicator>
  </Objective>
</Goal>`,
      '',
      'Annual_Plan',
    );
    const { document, warnings } = read(xml);
    const goalPath = '/PerformancePlanOrReport/StrategicPlanCore/Goal[1]';
    const objectivePath = `${goalPath}/Objective[1]`;
    const indicatorPath = `${objectivePath}/PerformanceIndicator[1]`;
    expect(warnings.map((warning) => `${warning.path} ${warning.line}: ${warning.message}`)).toEqual([
      `${goalPath}/Name 3: <Name> is out of schema order: it belongs before <Description>`,
      `${goalPath}/id[1] 4: <id> is not a StratML element: ignored`,
      `${goalPath}/Note[1] 5: <x:Note> is in namespace urn:other, not the document's: ignored`,
      `${objectivePath}/Name 6: markup inside <Name> ignored; its text is kept`,
      `${objectivePath}/Name 6: <Objective> may hold one <Name>: this one is ignored`,
      `${indicatorPath} 7: attribute IndicatorType is not StratML's: read as PerformanceIndicatorType`,
      `${indicatorPath} 7: attribute Colour is not StratML's: ignored`,
      `${indicatorPath}/Stakeholder[1] 9: <Stakeholder> is not part of <PerformanceIndicator> in the schema; read anyway`,
      `${indicatorPath}/MeasurementInstance[1]/TargetResult[1]/StartDate 10: <StartDate> is out of schema order: it belongs before <Description>`,
      `${indicatorPath}/MeasurementInstance[1]/TargetResult[1]/NumberOfUnits 10: <NumberOfUnits> is out of schema order: it belongs before <Description>`,
      `/PerformancePlanOrReport 1: Type="Annual_Plan" is not one of Strategic_Plan, Performance_Plan, Performance_Report: read as a Strategic_Plan`,
      `${indicatorPath}/MeasurementInstance[1]/TargetResult[1]/NumberOfUnits 10: "ten" is not a decimal number: ignored`,
      `${indicatorPath}/MeasurementInstance[1]/TargetResult[1]/StartDate 10: "2026-13-01" is not a date (YYYY-MM-DD): ignored`,
      `${indicatorPath}/Stakeholder[1]/Role[1]/RoleType[2] 9: RoleType "Owner" is neither Performer nor Beneficiary: ignored`,
    ]);
    expect(document.type).toBe('Strategic_Plan');
    expect(document.goals[0]).toMatchObject({ name: 'First', description: 'Goal text' });
    const indicator = document.goals[0]?.objectives[0]?.indicators[0];
    expect(document.goals[0]?.objectives[0]?.name).toBe('O bold');
    expect(indicator).toMatchObject({
      indicatorType: 'Quantitative',
      measurementDimension: 'Count',
      stakeholders: [{ name: 'Office A', roles: [{ roleTypes: ['Performer'] }] }],
      measurements: [{ targets: [{ description: 'T' }], actuals: [] }],
    });
  });

  it('says when a required element is missing', () => {
    const { warnings } = read(plan('<Goal><Name>G</Name></Goal>').replace('<Name>Plan</Name>', ''));
    expect(warnings.map((warning) => warning.message)).toEqual([
      '<Goal> has no <Description>, which the schema requires',
      '<PerformancePlanOrReport> has no <Name>, which the schema requires',
    ]);
  });

  it('reads a Part 1 StrategicPlan in the stratml_core namespace, and a prefixed Part 2 document', () => {
    const part1 = read(
      `<StrategicPlan xmlns="urn:ISO:std:iso:17469:tech:xsd:stratml_core"><Name>P1</Name><StrategicPlanCore>${goal}</StrategicPlanCore></StrategicPlan>`,
    );
    expect(part1.warnings).toEqual([]);
    expect(part1.document).toMatchObject({ root: 'StrategicPlan', type: 'Strategic_Plan', name: 'P1' });
    const prefixed = read(
      `<s:PerformancePlanOrReport xmlns:s="${NS}" Type="Performance_Plan"><s:Name>P2</s:Name><s:StrategicPlanCore><s:Goal><s:Name>G</s:Name><s:Description/></s:Goal></s:StrategicPlanCore></s:PerformancePlanOrReport>`,
    );
    expect(prefixed.document).toMatchObject({ type: 'Performance_Plan', goals: [{ name: 'G' }] });
  });

  it('keeps at most 8,192 characters of one element’s text', () => {
    const long = 'word '.repeat(5000);
    const { document } = read(plan(`<Goal><Name>G</Name><Description>${long}</Description></Goal>`));
    expect(document.goals[0]?.description?.length).toBeLessThanOrEqual(8192);
  });
});
