/** A submitter's answers for one row, in the field names the product uses everywhere. */
export interface ProgressValues {
  readonly status: string;
  readonly percentComplete: number | string;
  readonly metric?: string;
  readonly actual?: number;
  readonly target?: number;
  readonly nextMilestone?: string;
  /** ISO date (YYYY-MM-DD); typed into the sheet as a real date. */
  readonly milestoneDue?: string;
  readonly accomplishments?: string;
  readonly risksAndIssues?: string;
  readonly mitigation?: string;
  readonly pointOfContact?: string;
}
