import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { StageConfig } from '../../infra/config/stage-config';
import { stageConfig } from '../../infra/config/stages';
import { REPOSITORY_ROOT } from '../../infra/lib/repository-root';
import { addComplianceChecks, addStage, type StageStacks } from '../../infra/lib/strategy-report-app';

/** The feature flags and settings `cdk synth` reads from cdk.json, so tests build the same app. */
export function cdkJsonContext(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'cdk.json'), 'utf8')).context;
}

export interface SynthesizedStage {
  readonly config: StageConfig;
  readonly stacks: StageStacks;
  readonly stateful: Template;
  readonly stateless: Template;
}

/**
 * Both stages in one app, synthesised once with cdk-nag's packs (synthesis throws on any
 * unacknowledged finding). Bundling is skipped (`aws:cdk:bundling-stacks: []`): these tests read
 * templates; test/infra/bundling.test.ts and `npm run synth` bundle for real.
 */
export function synthesizeStages(): {
  dev: SynthesizedStage;
  prod: SynthesizedStage;
  /** Removes the cloud assembly written to a temporary directory. */
  dispose(): void;
} {
  const outdir = mkdtempSync(join(tmpdir(), 'strategy-report-cdk-'));
  const app = new App({ outdir, context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
  const stages = (['dev', 'prod'] as const).map((name) => {
    const config = stageConfig(name);
    return { config, stacks: addStage(app, config) };
  });
  addComplianceChecks(app);
  app.synth();
  const [dev, prod] = stages.map(({ config, stacks }) => ({
    config,
    stacks,
    stateful: Template.fromStack(stacks.stateful),
    stateless: Template.fromStack(stacks.stateless),
  })) as [SynthesizedStage, SynthesizedStage];
  return { dev, prod, dispose: () => rmSync(outdir, { recursive: true, force: true }) };
}
