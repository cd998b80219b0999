import { z } from 'zod';
import type { SnapshotInput } from '../rollup/rollup-snapshot';

/**
 * What a new report version of a period says about the version it replaces: which version, when it
 * was issued, and why there is a new one (the offices whose submission changed between the two).
 * The render records it in the manifest (`renderOptions.supersedes`), so the e-mail and a later
 * reproduction print the same words as the brief, whatever has been published since.
 */
export const supersededReportSchema = z.object({
  version: z.number().int().min(1),
  /** When the replaced version was published (the pipeline mails a version as it is published). */
  issuedAt: z.string(),
  /** Offices whose current submission differs between the two versions, in office order. */
  changes: z.array(
    z.object({
      office: z.string(),
      /** The revision the replaced version used; null when the office had not submitted then. */
      from: z.number().int().min(1).nullable(),
      /** The revision this version uses; null when it no longer has one. */
      to: z.number().int().min(1).nullable(),
    }),
  ),
});
export type SupersededReport = z.infer<typeof supersededReportSchema>;

type Submission = Pick<SnapshotInput, 'office' | 'revision' | 'submissionId'>;

/**
 * The replaced version and the submissions that changed since: offices that submitted late, sent
 * a new revision, or (rarely) no longer have one. Offices keep the order of the newer submissions,
 * then any that dropped out.
 */
export function supersededReport(
  previous: { readonly version: number; readonly publishedAt: string },
  previousSubmissions: readonly Submission[],
  currentSubmissions: readonly Submission[],
): SupersededReport {
  const before = new Map(previousSubmissions.map((submission) => [submission.office, submission]));
  const now = new Set(currentSubmissions.map((submission) => submission.office));
  const changes: SupersededReport['changes'] = [];
  for (const submission of currentSubmissions) {
    const earlier = before.get(submission.office);
    if (earlier?.submissionId === submission.submissionId && earlier.revision === submission.revision)
      continue;
    changes.push({ office: submission.office, from: earlier?.revision ?? null, to: submission.revision });
  }
  for (const submission of previousSubmissions)
    if (!now.has(submission.office))
      changes.push({ office: submission.office, from: submission.revision, to: null });
  return { version: previous.version, issuedAt: previous.publishedAt, changes };
}
