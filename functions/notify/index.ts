import { awsDependencies } from '../../shared/composition/aws-dependencies';
import { createNotifyHandler } from './handler';

const deps = awsDependencies(['tableName', 'reportsBucket']);

export const handler = createNotifyHandler(deps);
