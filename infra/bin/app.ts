import { App } from 'aws-cdk-lib';
import { InvalidInputError } from '../../shared/domain/errors';
import type { StageConfig } from '../config/stage-config';
import { DEFAULT_STAGE, stageConfig } from '../config/stages';
import { addComplianceChecks, addStage } from '../lib/strategy-report-app';

// The one place that chooses a stage: `npx cdk deploy --all -c stage=prod` (default: dev).
const app = new App();
const stage = String(app.node.tryGetContext('stage') ?? DEFAULT_STAGE);
let config: StageConfig;
try {
  config = stageConfig(stage);
} catch (error) {
  // A configuration mistake is one clear line, not a stack trace.
  if (!(error instanceof InvalidInputError)) throw error;
  console.error(`stage configuration: ${error.message}`);
  process.exit(2);
}
addStage(app, config);
addComplianceChecks(app);
app.synth();
