import { observability } from '../../shared/adapters/observability/powertools-observability';
import { awsDependencies } from '../../shared/composition/aws-dependencies';
import { createIntakeHandler } from '../../shared/entries/intake-entry';

// Built once per container: clients (traced), configuration and catalog are reused across invocations.
const dependencies = awsDependencies(['tableName', 'uploadsBucket'], { observability });

export const handler = observability.lambdaHandler(createIntakeHandler(dependencies));
