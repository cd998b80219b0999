import type { Office } from '../domain/catalog/catalog';
import type { Attestation } from '../domain/submission/attestation';

const PREPARERS = ['Jordan Lee', 'Sam Rivera', 'Alex Chen', 'Morgan Diaz', 'Taylor Brooks', 'Casey Patel'];
const APPROVERS = ['Robin Hayes', 'Drew Morgan', 'Jamie Ortiz', 'Avery Kim', 'Quinn Foster', 'Reese Walker'];

/**
 * What an office's analyst and director attest in the demo: the same people and data-quality
 * statement every month (the template pre-fills them from the month before), dated the day the
 * workbook is sent.
 */
export function demoAttestation(office: Office, officeIndex: number, submittedAt: Date): Attestation {
  const mailbox = office.code.toLowerCase();
  return {
    preparedBy: {
      name: PREPARERS[officeIndex % PREPARERS.length] as string,
      title: 'Program analyst',
      email: `${mailbox}.analyst@example.gov`,
    },
    approvedBy: {
      name: APPROVERS[officeIndex % APPROVERS.length] as string,
      title: `Deputy executive director, ${office.name}`,
      email: `${mailbox}.director@example.gov`,
    },
    date: submittedAt.toISOString().slice(0, 10),
    dataQuality: {
      verification: `Each figure is checked by a second ${office.code} analyst against the program's system of record before the director approves the workbook.`,
      sources: `${office.code} program management system, monthly field status reports and contract deliverable logs.`,
      accuracy: 'Percent complete within 5 points; milestone dates to the week.',
      limitations: 'Field reports for the last week of the month can arrive after the workbook is sent.',
      compensation: 'Late field figures are corrected in a new revision before the quarterly review.',
    },
  };
}
