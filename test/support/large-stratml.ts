const NS = 'urn:ISO:std:iso:17469:tech:xsd:PerformancePlanOrReport';

/**
 * A well-formed StratML Part 2 plan of about `megabytes` MB: goals of 40 objectives of 16
 * performance indicators each, performers named on the objectives (10 offices), in the messy
 * order published documents use (OtherInformation before Stakeholder), so the reader warns too.
 */
export function largeStratmlPlan(megabytes: number): { xml: Buffer; goals: number; indicators: number } {
  const offices = Array.from({ length: 10 }, (_, index) => `Regional Office ${index + 1}`);
  const parts: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>\n<PerformancePlanOrReport xmlns="${NS}" Type="Performance_Plan">\n<Name>Large plan</Name>\n<StrategicPlanCore>\n`,
  ];
  let size = parts[0]?.length ?? 0;
  let goals = 0;
  let indicators = 0;
  while (size < megabytes * 1024 * 1024) {
    goals += 1;
    const goal: string[] = [
      `<Goal><Name>Goal ${goals}</Name><Description>Improve outcome area ${goals} for the public.</Description><SequenceIndicator>${goals}</SequenceIndicator>\n`,
    ];
    for (let objective = 1; objective <= 40; objective++) {
      goal.push(
        `<Objective><Name>Objective ${goals}.${objective}</Name><Description>Deliver the services of line ${objective}.</Description><SequenceIndicator>${goals}.${objective}</SequenceIndicator><OtherInformation>Note &amp; context</OtherInformation><Stakeholder><Name>${offices[(goals + objective) % offices.length]}</Name><Role><Name>Lead</Name><RoleType>Performer</RoleType></Role></Stakeholder>\n`,
      );
      for (let indicator = 1; indicator <= 16; indicator++) {
        indicators += 1;
        goal.push(
          `<PerformanceIndicator PerformanceIndicatorType="Quantitative"><SequenceIndicator>${goals}.${objective}.${indicator}</SequenceIndicator><MeasurementDimension>Share of cases in line ${objective} closed within standard ${indicator}</MeasurementDimension><UnitOfMeasurement>Percent</UnitOfMeasurement><MeasurementInstance><TargetResult><EndDate>2027-09-30</EndDate><NumberOfUnits>90</NumberOfUnits></TargetResult></MeasurementInstance></PerformanceIndicator>\n`,
        );
      }
      goal.push('</Objective>\n');
    }
    goal.push('</Goal>\n');
    const text = goal.join('');
    parts.push(text);
    size += text.length;
  }
  parts.push('</StrategicPlanCore>\n</PerformancePlanOrReport>\n');
  return { xml: Buffer.from(parts.join(''), 'utf8'), goals, indicators };
}
