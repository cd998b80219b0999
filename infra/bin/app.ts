import { App } from 'aws-cdk-lib';
import { DEFAULT_STAGE, stageConfig } from '../config/stages';
import { addComplianceChecks, addStage } from '../lib/strategy-report-app';

// The one place that chooses a stage: `npx cdk deploy --all -c stage=prod` (default: dev).
const app = new App();
const stage = String(app.node.tryGetContext('stage') ?? DEFAULT_STAGE);
addStage(app, stageConfig(stage));
addComplianceChecks(app);
app.synth();
