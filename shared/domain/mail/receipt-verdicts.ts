/**
 * The verdicts SES writes into the receipt object of each received message. They are the only
 * source of truth on authentication and scanning: the `X-SES-*` and `Authentication-Results`
 * headers of the stored message are text a sender can write, and are never read.
 */
export const VERDICT_STATUSES = ['PASS', 'FAIL', 'GRAY', 'PROCESSING_FAILED', 'DISABLED'] as const;
export type VerdictStatus = (typeof VERDICT_STATUSES)[number];

export interface ReceiptVerdicts {
  readonly spf: VerdictStatus;
  readonly dkim: VerdictStatus;
  readonly dmarc: VerdictStatus;
  readonly spam: VerdictStatus;
  readonly virus: VerdictStatus;
  /** The sending domain's DMARC policy; SES gives it only when DMARC failed. */
  readonly dmarcPolicy?: string;
}

export type RefusalReason =
  | 'virus'
  | 'spam'
  | 'dmarc-failed'
  | 'spf-failed'
  | 'dkim-failed'
  | 'not-authenticated'
  | 'sender-not-listed'
  | 'no-single-sender';

export interface Refusal {
  readonly reason: RefusalReason;
  /** One sentence for the operator (history, status, logs); never sent to the sender. */
  readonly detail: string;
}

/**
 * Whether the receipt alone refuses the message: a virus or spam FAIL; an SPF, DKIM or DMARC
 * FAIL; or no proof at all that the From domain sent it. DMARC PASS is that proof. Where the
 * From domain publishes no DMARC policy (GRAY), an SPF PASS counts only when the envelope sender
 * is in the From domain (aligned): otherwise any server could pass SPF for its own domain and
 * write someone else's address in From.
 */
export function verdictRefusal(
  verdicts: ReceiptVerdicts,
  addresses: { readonly from: string; readonly envelopeFrom: string },
): Refusal | undefined {
  if (verdicts.virus === 'FAIL') return { reason: 'virus', detail: 'SES found a virus in the message' };
  if (verdicts.spam === 'FAIL') return { reason: 'spam', detail: 'SES classified the message as spam' };
  if (verdicts.dmarc === 'FAIL')
    return {
      reason: 'dmarc-failed',
      detail: `DMARC failed for the From domain${verdicts.dmarcPolicy ? ` (policy ${verdicts.dmarcPolicy})` : ''}`,
    };
  if (verdicts.spf === 'FAIL') return { reason: 'spf-failed', detail: 'SPF failed for the sending server' };
  if (verdicts.dkim === 'FAIL') return { reason: 'dkim-failed', detail: 'the DKIM signature did not verify' };
  if (verdicts.dmarc === 'PASS') return undefined;
  const aligned =
    domainOf(addresses.envelopeFrom) !== '' && domainOf(addresses.envelopeFrom) === domainOf(addresses.from);
  if (verdicts.spf === 'PASS' && aligned) return undefined;
  return {
    reason: 'not-authenticated',
    detail: `neither DMARC nor an SPF pass aligned with the From domain proves the sender (SPF ${verdicts.spf}, DKIM ${verdicts.dkim}, DMARC ${verdicts.dmarc})`,
  };
}

function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0
    ? ''
    : address
        .slice(at + 1)
        .trim()
        .toLowerCase();
}
