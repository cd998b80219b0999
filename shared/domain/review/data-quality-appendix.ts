import type { Attestation } from '../submission/attestation';
import {
  overallReliability,
  type ReliabilityAssessment,
  type ReliabilityVerdict,
  reliabilityOf,
} from './data-reliability';
import type { OfficeMonth } from './office-timeliness';
import type { QuarterView } from './quarter-view';
import { type UnchangedCount, unchangedOfOffice } from './unchanged-count';

/** One office in the data-quality appendix (31 U.S.C. §1115(b)(8)). */
export interface OfficeDataQuality {
  readonly office: string;
  readonly name: string;
  /** Its attestation for the quarter: that of its current revision of the last month it reported. */
  readonly attestation: Attestation | null;
  /** The month the attestation is from; null when it reported no month. */
  readonly attestationPeriod: string | null;
  /** Months of the quarter whose current revision was on template version 1 (no attestation, no mitigation). */
  readonly templateVersion1Months: readonly string[];
  readonly months: readonly OfficeMonth[];
  readonly unchanged: UnchangedCount;
  /** Rejected attempts before acceptance, over the quarter's months. */
  readonly rejectedBeforeAcceptance: number;
  readonly reliability: ReliabilityAssessment;
}

export interface DataQualityAppendix {
  readonly offices: readonly OfficeDataQuality[];
  /** The pack's data as a whole (data-reliability.ts, overallReliability). */
  readonly overall: ReliabilityVerdict;
}

/** The appendix for every office the plan expects to report (the latest month's expected list). */
export function dataQualityAppendix(
  view: QuarterView,
  officeMonths: ReadonlyMap<string, readonly OfficeMonth[]>,
): DataQualityAppendix {
  const expected = new Set(view.end.completeness.officesExpected);
  const offices = view.end.offices
    .filter((office) => expected.has(office.code))
    .map((office): OfficeDataQuality => {
      const months = officeMonths.get(office.code) ?? [];
      const lastInput = view.snapshots
        .flatMap((snapshot) => {
          const input = snapshot.inputs.find((candidate) => candidate.office === office.code);
          return input ? [{ period: snapshot.period, input }] : [];
        })
        .at(-1);
      const attestation = lastInput?.input.attestation ?? null;
      const unchanged = unchangedOfOffice(view, office.code);
      const monthsReported = months.filter((month) => month.timeliness !== 'not reported').length;
      return {
        office: office.code,
        name: office.name,
        attestation,
        attestationPeriod: lastInput?.period ?? null,
        templateVersion1Months: months
          .filter((month) => month.templateVersion === '1')
          .map((month) => month.period),
        months,
        unchanged,
        rejectedBeforeAcceptance: months.reduce((sum, month) => sum + month.rejectedBefore, 0),
        reliability: reliabilityOf({
          monthsReported,
          monthsExpected: months.length,
          attested: attestation !== null,
          reported: unchanged.reported,
          unchanged: unchanged.unchanged,
        }),
      };
    });
  return { offices, overall: overallReliability(offices.map((office) => office.reliability.verdict)) };
}
