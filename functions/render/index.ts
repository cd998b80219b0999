import { awsDependencies } from '../../shared/composition/aws-dependencies';
import { createRenderHandler } from '../../shared/entries/render-entry';

const deps = awsDependencies(['tableName', 'reportsBucket']);

export const handler = createRenderHandler(deps);
