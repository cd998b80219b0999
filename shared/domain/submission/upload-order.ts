/**
 * When an upload was made, as S3 reported it in the object-created notification. The latest upload
 * of an office's workbooks for a period is its current revision, whatever order the ingest
 * committed them in (a retried delivery of an earlier upload may commit after a later one).
 */
export interface UploadMoment {
  /** The notification's `eventTime`: when S3 finished the PUT (ISO 8601, millisecond precision). */
  readonly eventTime: string;
  /**
   * The notification's `s3.object.sequencer`: a hexadecimal number that grows with each event on
   * the same key. It orders events on one key only; '' when the notification carried none.
   */
  readonly sequencer: string;
}

const HEX = /^[0-9A-Fa-f]*$/;

/**
 * A string whose plain (byte-wise) order is the order in which uploads were made, so a store can
 * compare two uploads with one string comparison (DynamoDB's condition `uploadOrder < :order`):
 *
 * 1. the event time, normalised to `YYYY-MM-DDTHH:mm:ss.sssZ` (fixed width, so it sorts by time);
 * 2. then the object key, hex-encoded (UTF-8): events at the same millisecond on two different
 *    keys — different file names — are ordered by key, the key later in byte order counting as the
 *    later upload. S3 gives no order between keys; this tie-break is arbitrary but deterministic,
 *    so every delivery order of the same two uploads ends with the same one current. Hex keeps the
 *    key's byte order, and the `#` after it (below every hex digit) keeps a key before any longer
 *    key it is a prefix of;
 * 3. then, for the same key only (the key is equal by then), the sequencer as a number: S3
 *    documents that sequencers may differ in length and are compared after left-padding the
 *    shorter with zeros. Here leading zeros are dropped and the digit count is written first (four
 *    digits), which orders sequencers of any length as numbers.
 */
export function uploadOrderKey(key: string, moment: UploadMoment): string {
  const time = new Date(moment.eventTime);
  if (Number.isNaN(time.getTime())) throw new Error(`"${moment.eventTime}" is not an S3 event time`);
  return `${time.toISOString()}#${Buffer.from(key, 'utf8').toString('hex')}#${sequencerOrder(moment.sequencer)}`;
}

/** A sequencer as a string that sorts as its number: the digit count, then the digits, upper case. */
export function sequencerOrder(sequencer: string): string {
  if (!HEX.test(sequencer)) throw new Error(`"${sequencer}" is not an S3 sequencer (hexadecimal digits)`);
  const digits = sequencer.replace(/^0+/, '').toUpperCase();
  if (digits.length > 9999) throw new Error('an S3 sequencer of more than 9,999 digits');
  return `${String(digits.length).padStart(4, '0')}${digits}`;
}
