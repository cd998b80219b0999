import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { stageConfig } from '../../infra/config/stages';
import { addComplianceChecks, addStage } from '../../infra/lib/strategy-report-app';
import { cdkJsonContext } from '../support/synthesized-app';

interface FoundAcknowledgement {
  readonly path: string;
  readonly id: string;
  readonly reason: string;
  readonly onStackOrApp: boolean;
}

function acknowledgementsIn(root: IConstruct): FoundAcknowledgement[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
          onStackOrApp: Stack.isStack(construct) || construct === root,
        })),
      ),
  );
}

describe('cdk-nag', () => {
  it('runs both packs at synthesis and fails it on a finding nobody acknowledged', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'strategy-report-nag-'));
    try {
      const app = new App({ outdir, context: cdkJsonContext() });
      new s3.Bucket(new Stack(app, 'Careless'), 'Unlogged');
      addComplianceChecks(app);
      expect(() => app.synth()).toThrow(/AwsSolutions-S1[\s\S]*NIST\.800\.53\.R5-S3BucketLoggingEnabled/);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});

// That both stages synthesise with the packs and no unacknowledged finding is shown by every
// test in stateful-stack.test.ts and stateless-stack.test.ts: their shared synthesis throws otherwise.
describe('acknowledged findings', () => {
  const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
  for (const stage of ['dev', 'prod']) addStage(app, stageConfig(stage));
  const acknowledgements = acknowledgementsIn(app);

  it('are each scoped to one resource’s construct, never a stack or the app', () => {
    expect(acknowledgements.length).toBeGreaterThan(0);
    expect(acknowledgements.filter((found) => found.onStackOrApp)).toEqual([]);
  });

  it('each say why, in words', () => {
    for (const found of acknowledgements) {
      expect(found.reason.split(/\s+/).length, `${found.path} ${found.id}`).toBeGreaterThanOrEqual(12);
    }
  });

  it('acknowledge wildcard permissions one finding at a time', () => {
    for (const found of acknowledgements.filter((f) => f.id.startsWith('AwsSolutions-IAM'))) {
      expect(found.id).toMatch(/^AwsSolutions-IAM[45]\[(Resource|Policy)::.+\]$/);
    }
  });

  it('are exactly these rules (a new kind of acknowledgement is a decision, reviewed here)', () => {
    const rules = [...new Set(acknowledgements.map((found) => found.id.replace(/\[.*\]$/, '')))].sort();
    expect(rules).toEqual([
      'AwsSolutions-IAM4',
      'AwsSolutions-IAM5',
      'AwsSolutions-S1',
      'AwsSolutions-SQS3',
      'NIST.800.53.R5-IAMNoInlinePolicy',
      // No reserved concurrency unless the stage opts in; each function says what bounds it.
      'NIST.800.53.R5-LambdaConcurrency',
      'NIST.800.53.R5-LambdaDLQ',
      'NIST.800.53.R5-LambdaInsideVPC',
      'NIST.800.53.R5-S3BucketLoggingEnabled',
      'NIST.800.53.R5-S3BucketReplicationEnabled',
      'NIST.800.53.R5-S3DefaultEncryptionKMS',
    ]);
  });
});
