import { BUSINESS_METRICS, type BusinessMetrics } from '../../ports/business-metrics';
import type { Log } from '../../ports/log';
import type { MailSender } from '../../ports/mail-sender';

/**
 * A mail sender that says what became of each message: counted as sent or failed, and logged —
 * with the message id the service gave it, or with the error, which is then thrown on to the use
 * case (it gives back its delivery claim, or fails the message for SQS to retry). Addresses are not
 * logged, only how many.
 */
export function measuredMailSender(mail: MailSender, metrics: BusinessMetrics, log: Log): MailSender {
  return {
    async send(message) {
      const recipients = message.to.length + (message.cc?.length ?? 0);
      let sent: { messageId: string };
      try {
        sent = await mail.send(message);
      } catch (error) {
        metrics.count(BUSINESS_METRICS.emailsFailed);
        log.error('e-mail not sent', { subject: message.subject, recipients, error });
        throw error;
      }
      metrics.count(BUSINESS_METRICS.emailsSent);
      log.info('e-mail sent', { messageId: sent.messageId, subject: message.subject, recipients });
      return sent;
    },
  };
}
