import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { MailMessage, MailSender } from '../../ports/mail-sender';
import { composeMimeMessage } from './mime-message';

/** Sends through SES v2 the same raw MIME the local outbox stores. */
export class SesMailSender implements MailSender {
  constructor(
    private readonly ses: SESv2Client,
    private readonly options: { readonly configurationSetName?: string } = {},
  ) {}

  async send(message: MailMessage): Promise<{ messageId: string }> {
    const composed = await composeMimeMessage(message);
    const result = await this.ses.send(
      new SendEmailCommand({
        FromEmailAddress: message.from,
        Destination: {
          ToAddresses: [...message.to],
          ...(message.cc ? { CcAddresses: [...message.cc] } : {}),
        },
        Content: { Raw: { Data: composed.raw } },
        ...(this.options.configurationSetName
          ? { ConfigurationSetName: this.options.configurationSetName }
          : {}),
      }),
    );
    return { messageId: result.MessageId ?? composed.messageId };
  }
}
