import { awsDependencies } from '../../shared/composition/aws-dependencies';
import { createRollupHandler } from '../../shared/entries/rollup-entry';

// Created once per container: clients and configuration are reused across invocations.
const deps = awsDependencies(['tableName', 'reportsBucket']);

export const handler = createRollupHandler(deps);
