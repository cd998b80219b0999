import type { Announcement, IngestQueue, StoredUpload } from '../../../shared/ports/ingest-queue';

/**
 * The ingest queue as a list: every announcement kept in order, each answered by `answer` (the
 * deployed queue answers nothing at once; a test of the local queue answers as the ingest would).
 */
export class RecordingIngestQueue implements IngestQueue {
  readonly announced: StoredUpload[] = [];

  constructor(
    private readonly answer: (upload: StoredUpload) => Promise<Partial<Announcement>> = async () => ({}),
  ) {}

  async announce(upload: StoredUpload): Promise<Announcement> {
    this.announced.push(upload);
    return { key: upload.key, messageId: `message-${this.announced.length}`, ...(await this.answer(upload)) };
  }
}
