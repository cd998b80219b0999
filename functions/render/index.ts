import { awsDependencies } from '../../shared/composition/aws-dependencies';
import { createRenderHandler } from './handler';

const deps = awsDependencies(['tableName', 'reportsBucket']);

export const handler = createRenderHandler(deps);
