import { awsDependencies } from '../../shared/composition/aws-dependencies';
import { createRemindHandler } from './handler';

const deps = awsDependencies(['tableName']);

export const handler = createRemindHandler(deps);
