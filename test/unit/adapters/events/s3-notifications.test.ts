import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  encodeS3EventKey,
  objectCreatedEvent,
  parseS3Notifications,
  sqsRecordCarrying,
} from '../../../../shared/adapters/events/s3-notifications';
import { parseUploadKey } from '../../../../shared/storage/object-keys';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../fixtures/events/${name}`, import.meta.url), 'utf8');

describe('S3 event notifications in SQS messages', () => {
  it('reads an object-created notification as AWS sends it', () => {
    const { uploads, ignored } = parseS3Notifications(fixture('s3-object-created.json'));
    expect(ignored).toEqual([]);
    expect(uploads).toEqual([
      {
        bucket: 'strategy-report-uploads',
        encodedKey: 'uploads/OFO/2026-10/OFO+October+%282%29.xlsx',
        size: 14749,
        eTag: 'd41d8cd98f00b204e9800998ecf8427e',
        versionId: '096fKKXTRTtl3on89fVO.nfljtsv6qko',
        sequencer: '0055AED6DCD90281E5',
        eventTime: '2026-11-02T15:04:05.123Z',
        principalId: 'AWS:AIDAEXAMPLEUSER',
      },
    ]);
    expect(parseUploadKey(uploads[0]?.encodedKey ?? '', { encoded: true }).fileName).toBe(
      'OFO October (2).xlsx',
    );
  });

  it('ignores the test event S3 sends when a notification is set up, and events other than object-created', () => {
    expect(parseS3Notifications(fixture('s3-test-event.json'))).toEqual({
      uploads: [],
      ignored: ['s3:TestEvent'],
    });
    const removed = fixture('s3-object-created.json').replace('ObjectCreated:Put', 'ObjectRemoved:Delete');
    expect(parseS3Notifications(removed)).toEqual({ uploads: [], ignored: ['ObjectRemoved:Delete'] });
  });

  it('throws on a message that is not an S3 notification at all, so it goes to the dead-letter queue', () => {
    expect(() => parseS3Notifications('not json')).toThrow('the SQS message body is not JSON');
    expect(() => parseS3Notifications('{"Records":[{"eventSource":"aws:sns"}]}')).toThrow(
      /^the SQS message body is not an S3 event notification/,
    );
    // The sequencer orders a key's uploads: one that is not a hexadecimal number is no S3 event.
    const badSequencer = fixture('s3-object-created.json').replace('0055AED6DCD90281E5', 'not-hex');
    expect(() => parseS3Notifications(badSequencer)).toThrow('the sequencer is not a hexadecimal number');
  });

  it('builds the event S3 sends, with the key encoded as S3 encodes it', () => {
    expect(encodeS3EventKey('uploads/OFO/2026-10/Ü (2).xlsx')).toBe(
      'uploads/OFO/2026-10/%C3%9C+%282%29.xlsx',
    );
    const key = 'uploads/OFO/2026-10/OFO October (2).xlsx';
    const event = objectCreatedEvent({
      region: 'us-east-1',
      bucket: 'b',
      key,
      size: 10,
      etag: '"abc"',
      sequencer: '00AB',
      eventTime: new Date('2026-11-02T15:04:05Z'),
      principalId: 'AWS:LOCAL',
    });
    const record = sqsRecordCarrying(event, {
      messageId: 'm-1',
      queueArn: 'arn:aws:sqs:us-east-1:000000000000:q',
      region: 'us-east-1',
      sentAt: new Date(0),
    });
    expect(record).toMatchObject({
      messageId: 'm-1',
      eventSource: 'aws:sqs',
      attributes: { ApproximateReceiveCount: '1' },
    });
    const [upload] = parseS3Notifications(record.body).uploads;
    expect(upload).toMatchObject({ bucket: 'b', size: 10, eTag: 'abc', sequencer: '00AB' });
    expect(parseUploadKey(upload?.encodedKey ?? '', { encoded: true }).fileName).toBe('OFO October (2).xlsx');
  });
});
