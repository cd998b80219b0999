import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../../ports/clock';
import { systemClock } from '../../ports/clock';
import type { MailMessage, MailSender } from '../../ports/mail-sender';
import { composeMimeMessage } from './mime-message';

/**
 * The local stand-in for SES: each message becomes one .eml file in the outbox folder, written
 * under a temporary name and renamed, so a reader never sees half a message.
 */
export class OutboxMailSender implements MailSender {
  private sequence = 0;

  constructor(
    private readonly directory: string,
    private readonly clock: Clock = systemClock,
    /** Told where each message was written (the demo reads the mail an office received). */
    private readonly onWritten?: (file: string, messageId: string) => void,
  ) {}

  async send(message: MailMessage): Promise<{ messageId: string }> {
    const date = this.clock.now();
    const composed = await composeMimeMessage(message, { date });
    await mkdir(this.directory, { recursive: true });
    this.sequence += 1;
    const stamp = date.toISOString().replace(/[:.]/g, '-');
    const name = `${stamp}-${process.pid}-${String(this.sequence).padStart(4, '0')}.eml`;
    const finalPath = join(this.directory, name);
    const temporaryPath = `${finalPath}.tmp`;
    await writeFile(temporaryPath, composed.raw);
    await rename(temporaryPath, finalPath);
    this.onWritten?.(finalPath, composed.messageId);
    return { messageId: composed.messageId };
  }
}
