import type { InputProblem } from '../errors';
import { TEMPLATE_VERSION } from './template-layout';

/**
 * Which template versions the ingest reads, and on what terms. The current version is always
 * accepted. The previous one (1: no Mitigation / Next Steps column, no Attestation sheet) is
 * accepted with a warning while the grace period lasts — up to and including the day
 * `submissions.previousTemplateGraceUntil` (docs/configuration.md), compared with the day the
 * upload was received — and refused after it, or at once when no grace period is configured.
 */
export const PREVIOUS_TEMPLATE_VERSION = '1';

export type TemplateVersionProblem = Omit<InputProblem, 'file'>;

export type TemplateVersionVerdict =
  | { readonly kind: 'current' }
  /** Read by the previous version's rules; the warning goes into the receipt. */
  | { readonly kind: 'previous'; readonly warning: TemplateVersionProblem }
  | { readonly kind: 'refused'; readonly problem: TemplateVersionProblem };

export interface TemplateGrace {
  /** The last day (YYYY-MM-DD) a workbook of the previous version is accepted; none: not at all. */
  readonly graceUntil?: string | undefined;
  /** The day the upload was received (YYYY-MM-DD, in the configured time zone). */
  readonly receivedOn?: string | undefined;
}

const NEW_PARTS = 'the Mitigation / Next Steps column and the Attestation sheet';

export function judgeTemplateVersion(version: string, grace: TemplateGrace): TemplateVersionVerdict {
  if (version === TEMPLATE_VERSION) return { kind: 'current' };
  if (version !== PREVIOUS_TEMPLATE_VERSION)
    return {
      kind: 'refused',
      problem: {
        rule: 'metadata.template-version',
        message: `template version "${version}" is not accepted (accepted: ${TEMPLATE_VERSION}): download a new template`,
      },
    };
  const { graceUntil, receivedOn } = grace;
  if (graceUntil !== undefined && receivedOn !== undefined && receivedOn <= graceUntil)
    return {
      kind: 'previous',
      warning: {
        rule: 'template.previous-version',
        message: `this workbook is on template version ${version}, accepted until ${graceUntil}: download the new template (version ${TEMPLATE_VERSION}) for your next submission — it adds ${NEW_PARTS}, which will then be required`,
      },
    };
  return {
    kind: 'refused',
    problem: {
      rule: 'template.previous-version-expired',
      message: `template version ${version} is no longer accepted${graceUntil !== undefined ? ` (its grace period ended on ${graceUntil})` : ''}: download the new template (version ${TEMPLATE_VERSION}), which adds ${NEW_PARTS}, and enter your answers in it`,
    },
  };
}
