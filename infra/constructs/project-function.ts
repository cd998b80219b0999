import { join } from 'node:path';
import { type Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ESM_CJS_BANNER } from '../lib/esm-banner';
import { REPOSITORY_ROOT } from '../lib/repository-root';
import { acknowledge } from './acknowledge';
import { ManagedPolicyRole } from './managed-policy-role';

/** The newest Node.js runtime this aws-cdk-lib offers (checked in test/infra). */
export const FUNCTION_RUNTIME = lambda.Runtime.NODEJS_24_X;

/** What a function's bundle needs beyond the code esbuild follows from its entry. */
export interface BundlingExtras {
  /** esbuild loaders by extension, e.g. `{ '.ttf': 'binary' }` to import font files as bytes. */
  readonly loader?: Readonly<Record<string, string>>;
  /** Directories (relative to the repository root) copied into the bundle directory. */
  readonly copyDirectories?: readonly { readonly from: string; readonly to: string }[];
}

export interface ProjectFunctionProps {
  /** The entry file relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  /**
   * Reserved concurrency when the stage opts in to it; otherwise what bounds the function's
   * concurrency instead, in words: the reason given beside cdk-nag's LambdaConcurrency finding.
   */
  readonly concurrency: { readonly reserved: number } | { readonly boundedBy: string };
  /** Encrypts the function's log group. */
  readonly encryptionKey: kms.IKey;
  readonly logRetention: logs.RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
  readonly bundling?: BundlingExtras;
  /**
   * For asynchronously invoked functions: where an event goes once Lambda's own retries are spent.
   * Omitted for functions invoked synchronously (an SQS event source has its own redrive).
   */
  readonly asynchronousFailures?: {
    readonly deadLetterQueue: sqs.IQueue;
    readonly retryAttempts: number;
    readonly maxEventAge: Duration;
  };
}

/**
 * The ESM bundle: minified, with source maps, the AWS SDK included (see ProjectFunction), and the
 * entry's extras (loaders; directories copied next to the bundle after esbuild ran).
 */
function bundlingOptions(extras: BundlingExtras | undefined): nodejs.BundlingOptions {
  const copies = extras?.copyDirectories ?? [];
  return {
    format: nodejs.OutputFormat.ESM,
    target: 'node24',
    minify: true,
    sourceMap: true,
    sourcesContent: false,
    bundleAwsSDK: true,
    externalModules: [],
    banner: ESM_CJS_BANNER,
    ...(extras?.loader ? { loader: { ...extras.loader } } : {}),
    ...(copies.length > 0
      ? {
          commandHooks: {
            beforeBundling: () => [],
            beforeInstall: () => [],
            afterBundling: (inputDir: string, outputDir: string) =>
              copies.map(({ from, to }) => `cp -R "${join(inputDir, from)}" "${join(outputDir, to)}"`),
          },
        }
      : {}),
  };
}

/**
 * A Lambda function with this project's runtime defaults, so no function repeats them:
 * the newest Node.js on arm64; an ESM bundle built by the local esbuild, minified, with source
 * maps (and `--enable-source-maps` so stack traces point at the TypeScript); an explicit log
 * group encrypted with a customer-managed key and a fixed retention; X-Ray active tracing;
 * concurrency reserved or bounded by its caller; and a role of its own whose permissions live in
 * one customer-managed policy.
 *
 * The AWS SDK is BUNDLED rather than taken from the runtime: the functions then run exactly the
 * SDK version in package-lock.json that the tests ran (AWS updates the runtime's copy on its own
 * schedule, and this project depends on recent client settings such as the S3 checksum modes),
 * and a deployed bundle behaves the same for as long as it is deployed. The cost is a larger
 * bundle (3.9 MiB minified; render 6.2 MiB with pdfmake and its fonts:
 * `npm run bench -- lambda-bundles`); esbuild drops what a function does not import.
 */
export class ProjectFunction extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly role: ManagedPolicyRole;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ProjectFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      encryptionKey: props.encryptionKey,
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });
    this.role = new ManagedPolicyRole(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${this.node.path}`,
    });
    // Written by hand instead of the AWSLambdaBasicExecutionRole managed policy, which allows
    // writing to every log group in the account.
    this.logGroup.grantWrite(this.role);

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      entry: join(REPOSITORY_ROOT, props.entry),
      handler: 'handler',
      projectRoot: REPOSITORY_ROOT,
      depsLockFilePath: join(REPOSITORY_ROOT, 'package-lock.json'),
      description: props.description,
      runtime: FUNCTION_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      ...('reserved' in props.concurrency
        ? { reservedConcurrentExecutions: props.concurrency.reserved }
        : {}),
      role: this.role,
      logGroup: this.logGroup,
      tracing: lambda.Tracing.ACTIVE,
      environment: { NODE_OPTIONS: '--enable-source-maps' },
      ...(props.asynchronousFailures
        ? {
            deadLetterQueue: props.asynchronousFailures.deadLetterQueue,
            retryAttempts: props.asynchronousFailures.retryAttempts,
            maxEventAge: props.asynchronousFailures.maxEventAge,
          }
        : {}),
      bundling: bundlingOptions(props.bundling),
    });

    const deadLetterKey = props.asynchronousFailures?.deadLetterQueue.encryptionMasterKey;
    if (deadLetterKey) this.grantDeadLetterKey(deadLetterKey);
    this.acknowledgeFindings(props.concurrency);
  }

  /**
   * Lambda writes failed events to the dead-letter queue with this role; CDK grants only
   * sqs:SendMessage, and an encrypted queue also needs the key.
   */
  private grantDeadLetterKey(key: kms.IKey): void {
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `sqs.${Stack.of(this).region}.amazonaws.com` } },
      }),
    );
  }

  private acknowledgeFindings(concurrency: ProjectFunctionProps['concurrency']): void {
    acknowledge(this.role.policy, {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions, so AWS requires Resource "*" for them.',
    });
    if ('boundedBy' in concurrency)
      acknowledge(this.function, {
        id: 'NIST.800.53.R5-LambdaConcurrency',
        reason: `No reserved concurrency: a new account's Lambda quota leaves none to reserve, so the stage opts in (functions.<name>.reservedConcurrency). ${concurrency.boundedBy}`,
      });
    acknowledge(this.function, {
      id: 'NIST.800.53.R5-LambdaInsideVPC',
      reason:
        'The functions reach only AWS service APIs (S3, DynamoDB, SES, SQS, KMS, X-Ray, CloudWatch Logs), always over TLS with IAM-signed requests; there is no private network resource to reach, and a VPC would add NAT or interface endpoints without reducing exposure.',
    });
  }

  /** Sets one environment variable (the bind helpers use this, with the shared names). */
  addEnvironment(name: string, value: string): void {
    this.function.addEnvironment(name, value);
  }
}
