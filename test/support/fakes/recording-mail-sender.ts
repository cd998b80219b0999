import type { MailMessage, MailSender } from '../../../shared/ports/mail-sender';

/** Keeps every message it is given, in order; `failNext` makes the next send fail as SES would. */
export class RecordingMailSender implements MailSender {
  readonly sent: MailMessage[] = [];
  private failure: Error | undefined;

  failNext(error = new Error('SES refused the message')): void {
    this.failure = error;
  }

  async send(message: MailMessage): Promise<{ messageId: string }> {
    const failure = this.failure;
    this.failure = undefined;
    if (failure) throw failure;
    this.sent.push(message);
    return { messageId: `message-${this.sent.length}@test` };
  }
}
