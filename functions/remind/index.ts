import { observability } from '../../shared/adapters/observability/powertools-observability';
import { awsDependencies } from '../../shared/composition/aws-dependencies';
import { createRemindHandler } from '../../shared/entries/remind-entry';

// Built once per container: clients (traced), configuration and catalog are reused across invocations.
const dependencies = awsDependencies(['tableName'], { observability });

export const handler = observability.lambdaHandler(createRemindHandler(dependencies));
