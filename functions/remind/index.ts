import { awsDependencies } from '../../shared/composition/aws-dependencies';
import { createRemindHandler } from '../../shared/entries/remind-entry';

const deps = awsDependencies(['tableName']);

export const handler = createRemindHandler(deps);
