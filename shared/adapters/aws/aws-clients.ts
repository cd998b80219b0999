import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Where the AWS clients connect. This is the only thing that differs between running in AWS and
 * running locally against the embedded servers: in AWS there are no endpoints and credentials
 * come from the standard chain; locally both point at 127.0.0.1.
 */
export interface AwsConnection {
  readonly region: string;
  readonly endpoints?: { readonly dynamodb: string; readonly s3: string };
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

export interface AwsClients {
  readonly dynamodb: DynamoDBClient;
  readonly documents: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly ses: SESv2Client;
  readonly cloudformation: CloudFormationClient;
  destroy(): void;
}

/**
 * Instruments a client where it is built: in Lambda, X-Ray tracing (Powertools'
 * `tracer.captureAWSv3Client`), so each call is a subsegment; locally nothing.
 */
export type ClientInstrument = <C extends object>(client: C) => C;

export function createAwsClients(
  connection: AwsConnection,
  instrument: ClientInstrument = (client) => client,
): AwsClients {
  const common = {
    region: connection.region,
    ...(connection.credentials ? { credentials: connection.credentials } : {}),
  };
  const dynamodb = instrument(
    new DynamoDBClient({
      ...common,
      ...(connection.endpoints ? { endpoint: connection.endpoints.dynamodb } : {}),
    }),
  );
  // Shares the DynamoDB client's middleware stack, so its calls are traced with it.
  const documents = DynamoDBDocumentClient.from(dynamodb, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  const s3 = instrument(
    new S3Client({
      ...common,
      ...(connection.endpoints ? { endpoint: connection.endpoints.s3 } : {}),
      // Path-style addressing works in AWS and is the only style an IP endpoint can serve.
      forcePathStyle: true,
      // Checksums only where an operation requires them. With the newer default the SDK frames
      // streamed bodies as aws-chunked, which the local server stores verbatim (corrupted, with a
      // 200). Integrity does not rest on these checksums: every stored file's SHA-256 is recorded
      // by the product itself (submission records, report manifests) and checked when read back.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
  );
  const ses = instrument(new SESv2Client(common));
  const cloudformation = instrument(new CloudFormationClient(common));
  return {
    dynamodb,
    documents,
    s3,
    ses,
    cloudformation,
    destroy() {
      for (const client of [documents, dynamodb, s3, ses, cloudformation]) client.destroy();
    },
  };
}
