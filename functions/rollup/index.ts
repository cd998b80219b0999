import { observability } from '../../shared/adapters/observability/powertools-observability';
import { awsDependencies } from '../../shared/composition/aws-dependencies';
import { createRollupHandler } from '../../shared/entries/rollup-entry';

// Built once per container: clients (traced), configuration and catalog are reused across invocations.
const dependencies = awsDependencies(['tableName', 'reportsBucket'], { observability });

export const handler = observability.lambdaHandler(createRollupHandler(dependencies));
