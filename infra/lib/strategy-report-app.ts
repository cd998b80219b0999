import { type App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import { defaultCatalog } from '../../shared/catalog/default-catalog';
import type { StageConfig } from '../config/stage-config';
import { StatefulStack } from '../stacks/stateful-stack';
import { StatelessStack } from '../stacks/stateless-stack';
import { stackNames, statefulExports } from './stack-names';

export interface StageStacks {
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
}

/** Adds one stage's two stacks to the app. */
export function addStage(app: App, config: StageConfig): StageStacks {
  const names = stackNames(config.stage);
  const env = { account: config.account, region: config.region };
  const common = { env, terminationProtection: config.production };
  const stateful = new StatefulStack(app, names.stateful, {
    ...common,
    description: `strategy-report ${config.stage}: data (keys, buckets, table, audit trail, auditor role)`,
    config,
    // The functions run the catalog bundled with them (shared/composition/aws-dependencies.ts).
    offices: defaultCatalog().offices.map((office) => office.code),
  });
  const stateless = new StatelessStack(app, names.stateless, {
    ...common,
    description: `strategy-report ${config.stage}: functions, ingest queue, schedules, mail, alarms`,
    config,
    imports: statefulExports(config.stage),
  });
  stateless.addStackDependency(stateful, 'imports the data key, table and buckets');
  for (const stack of [stateful, stateless]) {
    Tags.of(stack).add('project', 'strategy-report');
    Tags.of(stack).add('stage', config.stage);
  }
  return { stateful, stateless };
}

/**
 * cdk-nag's AwsSolutions and NIST 800-53 rev 5 packs, run by CDK's policy validation at every
 * synthesis (`cdk synth`, `cdk deploy`, and the infrastructure tests): an unacknowledged finding
 * fails it.
 */
export function addComplianceChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new NIST80053R5Checks(app));
}
