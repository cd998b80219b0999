import { awsDependencies } from '../../shared/composition/aws-dependencies';
import { createNotifyHandler } from '../../shared/entries/notify-entry';

const deps = awsDependencies(['tableName', 'reportsBucket']);

export const handler = createNotifyHandler(deps);
